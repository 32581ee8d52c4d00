/// One line of a difference as the `diff_rows` partial shows it: kept, added, removed, or a fold of unchanged lines.
struct DiffRow: Sendable, Equatable, Encodable {
    /// `same`, `added`, `removed` or `skip` (a fold): the row's CSS class is `d-<kind>`.
    let kind: String
    /// `+`, `−` or a space; none on a fold.
    let sign: String?
    let text: String
}
