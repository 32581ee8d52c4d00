import Foundation
import GRDB

/// Admin queries and changes on accounts. Every change that matters to security ends the person's sessions.
public struct UserDirectory: Sendable {
    let database: AppDatabase
    let accounts: AccountStore

    public init(database: AppDatabase, accounts: AccountStore) {
        self.database = database
        self.accounts = accounts
    }

    /// People whose name or username contains the words typed, ignoring case and diacritics.
    public func search(_ query: String, limit: Int = 50) async throws -> [User] {
        let key = Text.searchKey(query)
        return try await database.writer.read { db in
            var request = User.all()
            for word in key.split(separator: " ") {
                let escaped = word.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(
                    of: "%", with: "\\%"
                )
                .replacingOccurrences(of: "_", with: "\\_")
                request = request.filter(sql: "search_name LIKE ? ESCAPE '\\'", arguments: ["%\(escaped)%"])
            }
            return try request.order(User.Columns.searchName).limit(limit).fetchAll(db)
        }
    }

    public func setRole(userID: Int64, to role: Role, sessions: SessionStore) async throws {
        try await database.writer.write { db in
            try db.execute(
                sql: "UPDATE user SET role = ?, updated_at = ? WHERE id = ?",
                arguments: [role.rawValue, Date(), userID])
            try sessions.endAll(userID: userID, in: db)
        }
    }

    /// A new one-time password, returned once; the person must choose their own at next sign-in.
    public func resetPassword(userID: Int64, sessions: SessionStore) async throws -> String {
        let password = try Passwords.generate()
        let hash = try await accounts.hash(password: password, oneTime: true)
        try await database.writer.write { db in
            try db.execute(
                sql: "UPDATE user SET password_hash = ?, must_change_password = 1, updated_at = ? WHERE id = ?",
                arguments: [hash, Date(), userID])
            try sessions.endAll(userID: userID, in: db)
        }
        return password
    }

    /// Deactivated people keep their history but cannot sign in; their sessions end at once.
    public func setActive(userID: Int64, _ active: Bool, sessions: SessionStore) async throws {
        try await database.writer.write { db in
            try db.execute(
                sql: "UPDATE user SET active = ?, updated_at = ? WHERE id = ?", arguments: [active, Date(), userID])
            if !active { try sessions.endAll(userID: userID, in: db) }
        }
    }
}
