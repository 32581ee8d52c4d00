/// Why a well-formed JSON body does not fit the type it is read into.
enum JSONMismatch: Error, Equatable {
    /// A field that must be there is not (its path, as `a.b`).
    case missing(String)
    /// A field holds the wrong kind of value.
    case wrongType(String)
}
