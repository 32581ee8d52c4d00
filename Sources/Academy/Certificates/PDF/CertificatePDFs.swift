import Foundation
import GRDB
import Logging
import Signing

/// The signed PDF of each certificate: made and signed when the certificate is issued, kept in
/// `data/certificates/<code>.pdf`, and made again (signed with the active key) when the file is missing — after a
/// restore from a backup of the database alone, or for a certificate issued before PDFs existed.
///
/// All the work (drawing, font subsetting, the RSA signature, the file) runs on `Blocking`, off the event loops.
public struct CertificatePDFs: Sendable {
    let database: AppDatabase
    let keys: KeyStore
    let issuer: CertificateIssuer
    let baseURL: String
    let places: PlaceList
    let directory: String
    let logger: Logger

    /// CMS bytes reserved beyond the certificates and the RSA signature (attributes, names, DER headers).
    static let reserveSlack = 1536

    init(database: AppDatabase, keys: KeyStore, config: AppConfig, places: PlaceList, logger: Logger) {
        self.database = database
        self.keys = keys
        self.issuer = config.certificateIssuer
        self.baseURL = config.resolvedBaseURL
        self.places = places
        self.directory = (config.dataDirectory as NSString).appendingPathComponent("certificates")
        self.logger = logger
    }

    func path(_ code: String) -> String { (directory as NSString).appendingPathComponent("\(code).pdf") }

    /// Whether the PDF of `code` is stored.
    public func exists(_ code: String) -> Bool { FileManager.default.fileExists(atPath: path(code)) }

    /// Every certificate, in register order.
    public func certificates() async throws -> [Certificate] {
        try await database.writer.read { db in
            try Certificate.order(Column("register_year"), Column("register_number"), Column("code")).fetchAll(db)
        }
    }

    /// The PDF of `certificate`, from its file or made now.
    public func pdf(_ certificate: Certificate) async throws -> [UInt8] {
        let file = path(certificate.code)
        if let stored = try await Blocking.run({ FileManager.default.contents(atPath: file).map { [UInt8]($0) } }) {
            return stored
        }
        return try await make(certificate)
    }

    /// Makes, signs and stores the PDF of `certificate` with the active key; returns it.
    @discardableResult
    public func make(_ certificate: Certificate, now: Date = Date()) async throws -> [UInt8] {
        let document = try await document(certificate)
        let identity = try keys.signingIdentity()
        let file = path(certificate.code)
        let directory = self.directory
        return try await Blocking.run {
            let start = ContinuousClock.now
            defer { Telemetry.pdfSeconds.record(Telemetry.since(start)) }
            let pdf = try Self.render(document, identity: identity, jwt: certificate.jwt, now: now)
            try DataDirectory.prepare(directory)
            try SecureFileWriter.write(pdf, to: file)
            return pdf
        }
    }

    /// Draws and signs `document`: the work `make` does on the blocking pool (benchmarks call it directly).
    static func render(_ document: CertificateDocument, identity: KeyStore.Identity, jwt: String, now: Date) throws
        -> [UInt8]
    {
        let signer = identity.certificate.commonName
        let placed = try CertificateLayout.draw(document, signer: signer, signedAt: now)
        let reserve =
            ([identity.certificate] + identity.chain).reduce(0) { $0 + $1.der.count }
            + identity.key.bits / 8 + reserveSlack
        return try PDFSignatureWriter.sign(
            placed,
            attachment: .init(
                name: "\(document.code).jwt", bytes: Array(jwt.utf8),
                description: "Open Badges 3.0 credential (VC-JWT) of certificate \(document.code)",
                mimeSubtype: "jwt"),
            signature: .init(
                name: signer, reason: "Xác nhận hoàn thành khóa học — mã \(document.code)",
                location: document.issuer.place, signedAt: now, reserve: reserve,
                sign: { digest in
                    try CMSSignature.signDetached(
                        digest: digest, certificate: identity.certificate, chain: identity.chain, key: identity.key)
                }))
    }

    /// What the PDF prints: the issue record, or for a certificate issued before there was one, what is on record now.
    func document(_ certificate: Certificate) async throws -> CertificateDocument {
        var record = certificate.issueRecord
        if record == nil {
            let user = try await database.writer.read { db in try User.fetchOne(db, key: certificate.userId) }
            let place = user.flatMap { places.place(named: $0.commune) }
            record = IssueRecord(
                position: user?.position ?? "", unit: place?.fullName ?? user?.commune ?? "",
                province: place?.province ?? "", documentTitle: CertificateSpec.defaultDocumentTitle, result: "Đạt")
        }
        return CertificateDocument(
            code: certificate.code,
            registerNumber: certificate.registerNumber.map { issuer.registerNumber($0) } ?? "—",
            holderName: certificate.holderName, courseTitle: certificate.courseTitle, issuedAt: certificate.issuedAt,
            record: record ?? IssueRecord(), verifyURL: "\(baseURL)/v/\(certificate.code)", issuer: issuer)
    }
}
