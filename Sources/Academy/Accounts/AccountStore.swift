import Foundation
import GRDB
import NIOPosix
import Signing

/// Accounts: finding people, checking passwords, changing them. Queries only; no HTTP here.
public struct AccountStore: Sendable {
    let database: AppDatabase
    let hasher: PasswordHasher
    /// Generated one-time passwords are long random strings, so a lower scrypt cost keeps a 10,000-row import
    /// quick without making them guessable; the person replaces them at first sign-in at full cost.
    let oneTimeHasher: PasswordHasher

    public init(database: AppDatabase, scryptLogN: Int) {
        self.database = database
        self.hasher = PasswordHasher(logN: scryptLogN)
        self.oneTimeHasher = PasswordHasher(logN: min(scryptLogN, 12))
        self.dummyHash = (try? hasher.hash(UUID().uuidString)) ?? ""
    }

    /// A hash of a password nobody knows, at the current cost: checked when the username is unknown, so the
    /// time a failed sign-in takes does not tell whether the username exists.
    let dummyHash: String

    /// scrypt takes tens of milliseconds on purpose: run it on NIO's thread pool, never on the event loop.
    func offload<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await NIOThreadPoolRunner.run(work)
    }

    public func hash(password: String, oneTime: Bool = false) async throws -> String {
        let hasher = oneTime ? oneTimeHasher : hasher
        return try await offload { try hasher.hash(password) }
    }

    public func user(username: String) async throws -> User? {
        try await database.writer.read { db in
            try User.filter(User.Columns.username == username).fetchOne(db)
        }
    }

    public func user(id: Int64) async throws -> User? {
        try await database.writer.read { db in try User.fetchOne(db, key: id) }
    }

    /// The user whose password matches, or nil. Hashes even for unknown usernames so timing does not tell
    /// which usernames exist; upgrades a hash made with weaker parameters.
    public func authenticate(username: String, password: String) async throws -> User? {
        let found = try await user(username: Text.clean(username))
        let stored = found?.passwordHash ?? dummyHash
        let hasher = self.hasher
        let matches = try await offload { hasher.verify(password, against: stored) }
        guard var user = found, matches, user.active else { return nil }
        if !user.mustChangePassword && hasher.needsRehash(user.passwordHash) {
            let fresh = try await hash(password: password)
            user.passwordHash = fresh
            try await database.writer.write { [user] db in try user.update(db, columns: ["password_hash"]) }
        }
        return user
    }

    /// Sets a new password chosen by the person and ends all their sessions.
    public func changePassword(userID: Int64, to password: String, sessions: SessionStore) async throws {
        let hashed = try await hash(password: password)
        try await database.writer.write { db in
            try db.execute(
                sql: "UPDATE user SET password_hash = ?, must_change_password = 0, updated_at = ? WHERE id = ?",
                arguments: [hashed, Date(), userID])
            try sessions.endAll(userID: userID, in: db)
        }
    }

    /// Whether any active admin exists (`serve` explains how to create one when not).
    public func hasAdmin() async throws -> Bool {
        try await database.writer.read { db in
            try User.filter(User.Columns.role == Role.admin.rawValue && User.Columns.active == true).fetchCount(db) > 0
        }
    }

    /// Creates one account; fails with `AccountError.usernameTaken` if the username exists.
    public func create(_ user: User) async throws -> User {
        try await database.writer.write { db in
            if try User.filter(User.Columns.username == user.username).fetchCount(db) > 0 {
                throw AccountError.usernameTaken(user.username)
            }
            var user = user
            try user.insert(db)
            return user
        }
    }
}

/// Problems with account data, in words a person can act on.
public enum AccountError: Error, Equatable, CustomStringConvertible {
    case usernameTaken(String)
    case invalidUsername(String)
    case weakPassword

    public var description: String {
        switch self {
        case .usernameTaken(let name): "the username '\(name)' is already taken"
        case .invalidUsername(let name):
            "'\(name)' is not a valid username: use 3–64 letters, digits, dots, hyphens, underscores or @"
        case .weakPassword: "the password must have at least 8 characters"
        }
    }
}
