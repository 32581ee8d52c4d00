import Foundation
import GRDB
import Logging

/// Signs the certificates grading has promised, after the grading transaction has committed and off the event loops.
///
/// An RSA signature costs milliseconds of CPU. Inside the grading transaction, which up to 128 submissions share
/// (`WriteBatcher`), it would hold the database's one writer, and every learner of the batch, for that long. So the
/// grading transaction only writes an outbox row (`PendingCertificate`) whose code the learner's result already
/// names; the signer then signs it on `Blocking` and, in one transaction, stores the certificate and deletes the
/// row. If the process dies in between, the row is still there and `signPending()` signs it at the next start-up:
/// no certificate is lost, and none is issued twice.
struct CertificateSigner: Sendable {
    let database: AppDatabase
    /// The server's one write batcher: certificates signed together are stored in one commit.
    let batcher: WriteBatcher
    let keys: KeyStore
    /// Makes each certificate's signed PDF once it is stored.
    let pdfs: CertificatePDFs
    let logger: Logger

    /// Signs and stores the certificate owed under `code`, if it is still owed; returns once it is stored.
    func sign(code: String) async throws {
        let pending = try await database.writer.read { db in try PendingCertificate.fetchOne(db, key: code) }
        if let pending { try await sign(pending) }
    }

    /// Signs every certificate still owed — at start-up, those the last run promised but did not sign — and returns
    /// how many it stored. One that fails is logged and stays owed.
    @discardableResult
    func signPending() async throws -> Int {
        let pending = try await database.writer.read { db in
            try PendingCertificate.order(Column.rowID).fetchAll(db)
        }
        var signed = 0
        for certificate in pending {
            do {
                try await sign(certificate)
                signed += 1
            } catch {
                logger.error("certificate \(certificate.code) is still owed: could not sign it: \(error)")
            }
        }
        if !pending.isEmpty {
            logger.info("signed \(signed) of \(pending.count) certificate(s) owed since the last run")
        }
        return signed
    }

    private func sign(_ pending: PendingCertificate) async throws {
        let (kid, key) = try keys.signingKey()
        var input = pending.credential
        input.kid = kid
        let jwt = try await Blocking.run { [input] in
            let start = ContinuousClock.now
            defer { Telemetry.signingSeconds.record(Telemetry.since(start)) }
            return try CredentialBuilder.sign(input, key: key)
        }
        let unnumbered = pending.certificate(kid: kid, jwt: jwt)
        let year = Self.registerYear(unnumbered.issuedAt)
        let stored = try await batcher.write { db -> Certificate? in
            var certificate = unnumbered
            // Whoever deletes the row stores the certificate: a second signing of the same row stores nothing.
            try db.execute(sql: "DELETE FROM certificate_outbox WHERE code = ?", arguments: [pending.code])
            guard db.changesCount == 1 else { return nil }
            certificate.registerYear = year
            certificate.registerNumber = try Self.nextRegisterNumber(db, year: year)
            try certificate.insert(db)
            let holder = try User.fetchOne(db, key: pending.userId)
            try AuditLog.record(
                db, .certificateIssued, actor: holder.map(AuditActor.init) ?? .system, target: certificate.code,
                detail: "\(certificate.courseSlug) \(certificate.contentVersion)")
            return certificate
        }
        guard let stored else { return }
        Telemetry.certificatesIssued.increment()
        do {
            try await pdfs.make(stored)
        } catch {
            // The certificate stands; its PDF is made when first asked for.
            logger.error("certificate \(stored.code): the PDF could not be made now: \(error)")
        }
    }

    /// The calendar year in Vietnam (UTC+7) of an issue: the register numbers from 1 each year.
    static func registerYear(_ date: Date) -> Int {
        return CertificateLayout.calendar.component(.year, from: date)
    }

    /// The next number of `year`'s register, inside the transaction that stores the certificate: never given twice.
    static func nextRegisterNumber(_ db: Database, year: Int) throws -> Int {
        try db.execute(
            sql: "INSERT INTO certificate_register (year, last_number) VALUES (?, 0) ON CONFLICT (year) DO NOTHING",
            arguments: [year])
        guard
            let number = try Int.fetchOne(
                db,
                sql:
                    "UPDATE certificate_register SET last_number = last_number + 1 WHERE year = ? RETURNING last_number",
                arguments: [year])
        else { throw DatabaseError(message: "certificate_register has no row for \(year)") }
        return number
    }
}
