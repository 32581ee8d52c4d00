import Foundation
import GRDB

/// An issued certificate: the signed credential exactly as issued, and its revocation if any.
public struct Certificate: Codable, Sendable, Equatable {
    public var code: String
    public var userId: Int64
    public var courseSlug: String
    public var contentVersion: String
    public var holderName: String
    public var courseTitle: String
    public var issuedAt: Date
    public var kid: String
    public var jwt: String
    public var revokedAt: Date?
    public var revokedReason: String?
    public var revokedBy: Int64?
    /// The register number within Vietnam's calendar year of issue: "Số: 15/…" (nil only while being stored).
    public var registerYear: Int?
    public var registerNumber: Int?
    /// What the document says of the holder and the course as it was at issue (nil for certificates issued before
    /// issue 19's migration: their PDF uses what is on record now).
    public var issueRecord: IssueRecord?

    public var isRevoked: Bool { revokedAt != nil }
}

extension Certificate: FetchableRecord, PersistableRecord {
    public static let databaseTableName = "certificate"
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase
}
