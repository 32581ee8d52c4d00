import Foundation
import GRDB

/// One line of the audit log: who did what, to what, when and from where.
public struct AuditEntry: Codable, Sendable, Equatable {
    public var id: Int64?
    public var at: Date
    public var actorId: Int64?
    public var actorName: String
    public var action: String
    public var target: String
    public var detail: String
    public var address: String
}

extension AuditEntry: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "audit_log"
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    /// Column names for queries.
    public enum Columns {
        public static let id = Column("id")
        public static let at = Column("at")
        public static let actorId = Column("actor_id")
        public static let actorName = Column("actor_name")
        public static let action = Column("action")
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
