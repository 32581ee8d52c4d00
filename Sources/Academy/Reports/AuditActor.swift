/// Who did an audited action: a signed-in person, the server itself, or someone at the command line.
public struct AuditActor: Sendable, Equatable {
    public var id: Int64?
    public var name: String

    public init(id: Int64?, name: String) {
        self.id = id
        self.name = name
    }

    /// A person, named as "Full Name (username)" so the entry stays readable if the account changes later.
    public init(_ user: User) {
        self.init(id: user.id, name: AuditLog.describe(user))
    }

    /// Nobody signed in (a failed sign-in).
    public static let anonymous = AuditActor(id: nil, name: "")
    /// The server on its own (start-up, SIGHUP).
    public static let system = AuditActor(id: nil, name: "system")
    /// An `academy` command run on the server.
    public static let commandLine = AuditActor(id: nil, name: "command line")
}
