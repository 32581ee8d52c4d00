import Foundation
import GRDB
import Signing

/// Accounts: finding people, checking passwords, changing them. Queries only; no HTTP here.
public struct AccountStore: Sendable {
    let database: AppDatabase
    let hasher: PasswordHasher
    /// Generated one-time passwords are long random strings, so a lower scrypt cost keeps a 10,000-row import
    /// quick without making them guessable; the person replaces them at first sign-in at full cost.
    let oneTimeHasher: PasswordHasher

    public init(
        database: AppDatabase, scryptLogN: Int, verify: (@Sendable (String, String) -> Bool)? = nil
    ) {
        self.database = database
        let hasher = PasswordHasher(logN: scryptLogN)
        let oneTimeHasher = PasswordHasher(logN: min(scryptLogN, 12))
        self.hasher = hasher
        self.oneTimeHasher = oneTimeHasher
        self.verify = verify ?? { hasher.verify($0, against: $1) }
        var dummies: [String] = []
        for cost in [hasher, oneTimeHasher]
        where !dummies.contains(where: { PasswordHasher.parameters(of: $0) == cost }) {
            dummies.append((try? cost.hash(UUID().uuidString)) ?? "")
        }
        self.dummyHashes = dummies
    }

    /// Hashes of a password nobody knows, one at each cost a stored hash is made with (the current cost, and the
    /// lower one of generated passwords), so that every sign-in can do the same work; see `hashesToCheck`.
    let dummyHashes: [String]
    /// Checks a password against a stored hash; a test may watch which costs are used.
    let verify: @Sendable (String, String) -> Bool

    /// The hashes a password is checked against: the stored one (first) and a dummy at every other cost in use.
    ///
    /// scrypt's work is set by the parameters inside the stored hash, so checking only the stored hash would take
    /// an eighth of the time for an account that still has its generated password (ln=12) as for one with its own
    /// (ln=15) or an unknown name (the ln=15 dummy); the time of a failed sign-in would tell which accounts can be
    /// taken over with a guessed slip (issue 13, point 11). Padding the cheap check with a full-cost dummy would
    /// not even it out (1 + 1/8 against 1). Instead every check runs once at each cost in use, the real hash
    /// standing in for the dummy of its own cost: unknown name, generated password, own password, deactivated
    /// account all cost one full-cost and one one-time-cost scrypt, with the same memory sizes. A hash of some
    /// older cost (the setting was raised since; it is upgraded at the next sign-in) costs more than that, which
    /// tells only that the account has not signed in since.
    func hashesToCheck(stored: String?) -> [String] {
        guard let stored else { return dummyHashes }
        let cost = PasswordHasher.parameters(of: stored)
        return [stored] + dummyHashes.filter { cost == nil || PasswordHasher.parameters(of: $0) != cost }
    }

    public func hash(password: String, oneTime: Bool = false) async throws -> String {
        let hasher = oneTime ? oneTimeHasher : hasher
        // scrypt takes tens of milliseconds on purpose: never on the event loop.
        return try await Blocking.run { try hasher.hash(password) }
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
        let hashes = hashesToCheck(stored: found?.passwordHash)
        let verify = self.verify
        // Every hash is checked, the first (the real one, if any) decides: see `hashesToCheck`.
        let results = try await Blocking.run { hashes.map { verify(password, $0) } }
        let matches = found != nil && results.first == true
        guard var user = found, matches, user.active else { return nil }
        if !user.mustChangePassword && hasher.needsRehash(user.passwordHash) {
            let fresh = try await hash(password: password)
            user.passwordHash = fresh
            try await database.writer.write { [user] db in try user.update(db, columns: ["password_hash"]) }
        }
        return user
    }

    /// Sets a new password chosen by the person and ends all their sessions but `keeping` (nil: all).
    public func changePassword(
        userID: Int64, to password: String, sessions: SessionStore, keeping sessionID: Int64? = nil
    ) async throws {
        let hashed = try await hash(password: password)
        try await database.writer.write { db in
            try db.execute(
                sql: "UPDATE user SET password_hash = ?, must_change_password = 0, updated_at = ? WHERE id = ?",
                arguments: [hashed, Date(), userID])
            try sessions.endAll(userID: userID, except: sessionID, in: db)
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
