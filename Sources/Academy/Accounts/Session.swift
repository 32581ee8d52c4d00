import Foundation
import GRDB

/// A signed-in browser (cookie) or API client (bearer token). Only the token's hash is stored.
public struct Session: Codable, Sendable, Equatable {
    public var id: Int64?
    public var tokenHash: String
    public var userId: Int64
    public var kind: String
    public var createdAt: Date
    public var lastSeenAt: Date
    public var expiresAt: Date
}

extension Session: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "session"
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    /// Column by column rather than through `Decodable` (see `User.init(row:)`).
    public init(row: Row) throws {
        id = row["id"]
        tokenHash = row["token_hash"]
        userId = row["user_id"]
        kind = row["kind"]
        createdAt = row["created_at"]
        lastSeenAt = row["last_seen_at"]
        expiresAt = row["expires_at"]
    }
}
