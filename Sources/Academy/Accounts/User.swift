import Foundation
import GRDB

/// A person who can sign in.
public struct User: Codable, Sendable, Equatable, Identifiable {
    public var id: Int64?
    public var uuid: String
    public var username: String
    public var fullName: String
    public var searchName: String
    public var role: Role
    public var district: String
    public var commune: String
    public var position: String
    public var phone: String?
    public var email: String?
    public var passwordHash: String
    /// Set for a generated first password or after a reset: the person chooses their own at next sign-in.
    public var mustChangePassword: Bool
    /// A deactivated account keeps its history but cannot sign in.
    public var active: Bool
    public var createdAt: Date
    public var updatedAt: Date

    public init(
        username: String, fullName: String, role: Role, passwordHash: String, district: String = "",
        commune: String = "", position: String = "", phone: String? = nil, email: String? = nil,
        mustChangePassword: Bool = false, now: Date = Date()
    ) {
        self.id = nil
        self.uuid = UUID().uuidString.lowercased()
        self.username = username
        self.fullName = Text.clean(fullName)
        self.searchName = Text.searchKey(fullName + " " + username)
        self.role = role
        self.district = Text.clean(district)
        self.commune = Text.clean(commune)
        self.position = Text.clean(position)
        self.phone = phone
        self.email = email
        self.passwordHash = passwordHash
        self.mustChangePassword = mustChangePassword
        self.active = true
        self.createdAt = now
        self.updatedAt = now
    }
}

extension User: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "user"
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    /// Column names for queries.
    public enum Columns {
        public static let id = Column("id")
        public static let username = Column("username")
        public static let searchName = Column("search_name")
        public static let role = Column("role")
        public static let district = Column("district")
        public static let commune = Column("commune")
        public static let active = Column("active")
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    /// Column by column rather than through `Decodable`, which cost more than the query on every signed-in
    /// request that misses the session cache. Same values as the `Decodable` path (tested).
    public init(row: Row) throws {
        let roleName: String = row["role"]
        guard let role = Role(rawValue: roleName) else {
            throw DatabaseError(resultCode: .SQLITE_MISMATCH, message: "user.role has an unknown value: \(roleName)")
        }
        id = row["id"]
        uuid = row["uuid"]
        username = row["username"]
        fullName = row["full_name"]
        searchName = row["search_name"]
        self.role = role
        district = row["district"]
        commune = row["commune"]
        position = row["position"]
        phone = row["phone"]
        email = row["email"]
        passwordHash = row["password_hash"]
        mustChangePassword = row["must_change_password"]
        active = row["active"]
        createdAt = row["created_at"]
        updatedAt = row["updated_at"]
    }
}
