/// The person a request is signed in as, with an id that is always there.
///
/// A `User` row has an optional id only because it has none before its insert; a signed-in person always
/// has one, taken from their session row by `AuthMiddleware`, so handlers never write `user.id ?? 0`.
/// The user's other fields read through (`me.role`, `me.fullName`).
@dynamicMemberLookup
public struct SignedIn: Sendable, Equatable {
    /// The user's id: the `user_id` of the session that signed them in.
    public let id: Int64
    /// The user as read with the session.
    public let user: User

    public subscript<Value>(dynamicMember keyPath: KeyPath<User, Value>) -> Value { user[keyPath: keyPath] }
}
