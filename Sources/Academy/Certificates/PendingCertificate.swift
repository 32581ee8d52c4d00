import Foundation
import GRDB

/// A certificate that grading has promised and the signer has not signed yet: one row of `certificate_outbox`.
///
/// Written inside the grading transaction, with everything the credential will say (the holder's name, the course
/// as it was at that version, the time of the pass), so that signing later — after the commit, or at the next
/// start-up after a crash — issues exactly the certificate the pass earned.
struct PendingCertificate: Codable, Sendable {
    var code: String
    var userId: Int64
    var courseSlug: String
    var contentVersion: String
    var courseTitle: String
    /// The credential to sign; its `kid` is set to the signing key's when it is signed.
    var credential: CredentialInput
    /// What the PDF will say of the holder and the course (nil in rows promised before issue 19).
    var issueRecord: IssueRecord?

    /// The issued certificate, once signed with key `kid` as `jwt`.
    func certificate(kid: String, jwt: String) -> Certificate {
        Certificate(
            code: code, userId: userId, courseSlug: courseSlug, contentVersion: contentVersion,
            holderName: credential.holderName, courseTitle: courseTitle, issuedAt: credential.issuedAt, kid: kid,
            jwt: jwt, issueRecord: issueRecord)
    }
}

extension PendingCertificate: FetchableRecord, PersistableRecord {
    static let databaseTableName = "certificate_outbox"
    static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase
}
