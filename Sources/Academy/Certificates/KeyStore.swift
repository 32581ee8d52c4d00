import Foundation
import GRDB
import Signing
import Synchronization

/// The certificate signing keys: private keys in `data/keys/<kid>.pem` (mode 0600, never served), public keys in
/// the database so every key ever used stays published and old certificates keep verifying.
///
/// Each key has an X.509 certificate, which PDF signatures carry and `/keys/{kid}.crt` publishes: by default one the
/// academy makes for its own key (self-signed, subject the issuer's name, for document signing, valid five years
/// from the key's creation); `importPKCS12` installs instead an organisation certificate a CA issued, with its chain.
public final class KeyStore: Sendable {
    /// The active key with its certificate: what new credentials and PDFs are signed with.
    public struct Identity: Sendable {
        public var kid: String
        public var key: RSAPrivateKey
        public var certificate: X509Certificate
        /// The CA certificates above `certificate`, nearest first (empty for the academy's own certificate).
        public var chain: [X509Certificate]
    }

    /// How long the academy's own certificate for a key is valid: rotate keys within it (`academy keys rotate`).
    public static let certificateYears = 5

    /// A key as listed by `academy keys list` and `/issuer`.
    public struct Info: Sendable, Equatable {
        public var kid: String
        public var fingerprint: String
        public var createdAt: Date
        public var retiredAt: Date?
        public var publicPEM: String
    }

    let database: AppDatabase
    let directory: String
    let issuerName: String
    private let current = Mutex<Identity?>(nil)
    private let publicKeys = Mutex<[String: RSAPublicKey]>([:])
    private let certificates = Mutex<[String: (X509Certificate, [X509Certificate])]>([:])

    public init(database: AppDatabase, dataDirectory: String, issuerName: String = AppConfig().issuerName) {
        self.database = database
        self.directory = (dataDirectory as NSString).appendingPathComponent("keys")
        self.issuerName = issuerName
    }

    /// Loads the active key, making the first one when there is none yet (or adopting `initial`, which tests
    /// pass so that they need not generate a 3072-bit key each).
    ///
    /// An active key whose file cannot be read or parsed stops start-up with `KeyStoreError`: silently making a new
    /// key would hide a lost or damaged file (and a restore from backup would then find a second active history).
    public func prepare(initial: RSAPrivateKey? = nil, now: Date = Date()) async throws {
        let active = try await database.writer.read { db in
            try String.fetchOne(
                db, sql: "SELECT kid FROM signing_key WHERE retired_at IS NULL ORDER BY created_at DESC")
        }
        guard let active else {
            _ = try await rotate(with: initial, now: now)
            return
        }
        let file = path(active)
        let pem: String
        do {
            pem = try String(contentsOfFile: file, encoding: .utf8)
        } catch {
            throw KeyStoreError.unreadable(kid: active, path: file, reason: "\(error.localizedDescription)")
        }
        let key: RSAPrivateKey
        do {
            key = try RSAPrivateKey(pem: pem)
        } catch {
            throw KeyStoreError.unreadable(kid: active, path: file, reason: "not a usable RSA private key (\(error))")
        }
        let (certificate, chain) = try await certificateOrMake(kid: active, key: key)
        current.withLock { $0 = Identity(kid: active, key: key, certificate: certificate, chain: chain) }
    }

    /// The key's certificate as stored, or — for a key made before issue 19 — a new one made now and stored.
    private func certificateOrMake(kid: String, key: RSAPrivateKey) async throws -> (X509Certificate, [X509Certificate])
    {
        if let stored = try await certificate(kid: kid) { return stored }
        let created = try await database.writer.read { db in
            try Date.fetchOne(db, sql: "SELECT created_at FROM signing_key WHERE kid = ?", arguments: [kid])
        }
        let certificate = try await Blocking.run { [issuerName] in
            try Self.makeCertificate(key: key, issuerName: issuerName, from: created ?? Date())
        }
        let pem = try certificate.pemRepresentation()
        try await database.writer.write { db in
            try db.execute(sql: "UPDATE signing_key SET certificate_pem = ? WHERE kid = ?", arguments: [pem, kid])
        }
        certificates.withLock { $0[kid] = (certificate, []) }
        return (certificate, [])
    }

    static func makeCertificate(key: RSAPrivateKey, issuerName: String, from start: Date) throws -> X509Certificate {
        let end = Calendar(identifier: .gregorian).date(byAdding: .year, value: certificateYears, to: start) ?? start
        return try X509Certificate.selfSigned(
            key: key, commonName: issuerName, organization: issuerName, notBefore: start, notAfter: end)
    }

    func path(_ kid: String) -> String { (directory as NSString).appendingPathComponent("\(kid).pem") }

    /// A new key for new certificates; the old ones are retired but stay published.
    @discardableResult
    public func rotate(with given: RSAPrivateKey? = nil, now: Date = Date(), actor: AuditActor = .system) async throws
        -> String
    {
        try DataDirectory.prepare(directory)
        let key: RSAPrivateKey
        if let given {
            key = given
        } else {
            key = try await Blocking.run { try RSAPrivateKey.generate(bits: 3072) }
        }
        let kid = try await nextKid(year: Calendar(identifier: .gregorian).component(.year, from: now))
        let certificate = try await Blocking.run { [issuerName] in
            try Self.makeCertificate(key: key, issuerName: issuerName, from: now)
        }
        try await install(
            key: key, certificate: certificate, chain: [], kid: kid, now: now, actor: actor,
            detail: "sha256:\(key.publicKey.fingerprintSHA256)")
        return kid
    }

    /// Installs an organisation's key and certificate from a PKCS#12 file as the active key (the others are retired
    /// and stay published); returns its kid. The JWKS publishes its public key, so Open Badge credentials keep
    /// verifying whichever key signs them.
    @discardableResult
    public func importPKCS12(_ bundle: PKCS12Bundle, now: Date = Date(), actor: AuditActor = .commandLine) async throws
        -> String
    {
        try DataDirectory.prepare(directory)
        let year = Calendar(identifier: .gregorian).component(.year, from: now)
        let kid = try await nextKid(year: year)
        try await install(
            key: bundle.key, certificate: bundle.certificate, chain: bundle.chain, kid: kid, now: now, actor: actor,
            detail:
                "PKCS#12: \(bundle.certificate.subject), issued by \(bundle.certificate.issuer); sha256:\(bundle.key.publicKey.fingerprintSHA256)"
        )
        return kid
    }

    private func nextKid(year: Int) async throws -> String {
        let existing = try await database.writer.read { db in
            try String.fetchAll(db, sql: "SELECT kid FROM signing_key WHERE kid LIKE ?", arguments: ["\(year)-%"])
        }
        var number = existing.compactMap { Int($0.split(separator: "-").last ?? "") }.max().map { $0 + 1 } ?? 1
        while FileManager.default.fileExists(atPath: path("\(year)-\(number)")) { number += 1 }
        return "\(year)-\(number)"
    }

    private func install(
        key: RSAPrivateKey, certificate: X509Certificate, chain: [X509Certificate], kid: String, now: Date,
        actor: AuditActor, detail: String
    ) async throws {
        try key.write(to: path(kid))
        let pem = try key.publicKey.pemRepresentation()
        let certificatePEM = try certificate.pemRepresentation()
        let chainPEM = chain.isEmpty ? nil : try chain.map { try $0.pemRepresentation() }.joined()
        try await database.writer.write { db in
            try db.execute(sql: "UPDATE signing_key SET retired_at = ? WHERE retired_at IS NULL", arguments: [now])
            try db.execute(
                sql: """
                    INSERT INTO signing_key (kid, public_pem, fingerprint, created_at, certificate_pem, chain_pem)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """,
                arguments: [kid, pem, key.publicKey.fingerprintSHA256, now, certificatePEM, chainPEM])
            try AuditLog.record(db, .keyRotated, actor: actor, target: kid, detail: detail)
        }
        certificates.withLock { $0[kid] = (certificate, chain) }
        current.withLock { $0 = Identity(kid: kid, key: key, certificate: certificate, chain: chain) }
    }

    /// The key new certificates are signed with.
    public func signingKey() throws -> (kid: String, key: RSAPrivateKey) {
        let identity = try signingIdentity()
        return (identity.kid, identity.key)
    }

    /// The active key with its X.509 certificate and chain.
    public func signingIdentity() throws -> Identity {
        guard let active = current.withLock({ $0 }) else { throw SigningError.invalidKey("no signing key loaded") }
        return active
    }

    /// A key's X.509 certificate and chain, parsed once and kept; nil for an unknown kid.
    public func certificate(kid: String) async throws -> (X509Certificate, [X509Certificate])? {
        if let cached = certificates.withLock({ $0[kid] }) { return cached }
        guard
            let row = try await database.writer.read({ db in
                try Row.fetchOne(
                    db, sql: "SELECT certificate_pem, chain_pem FROM signing_key WHERE kid = ?", arguments: [kid])
            }), let pem = row["certificate_pem"] as String?
        else { return nil }
        let certificate = try X509Certificate(pem: pem)
        let chain = try (row["chain_pem"] as String?).map { try X509Certificate.chain(pem: $0) } ?? []
        certificates.withLock { $0[kid] = (certificate, chain) }
        return (certificate, chain)
    }

    /// The kid whose certificate has this SHA-256 fingerprint (how a PDF's signer is recognised).
    public func kid(certificateFingerprint fingerprint: String) async throws -> String? {
        for info in try await list() {
            if let (certificate, _) = try await certificate(kid: info.kid),
                certificate.fingerprintSHA256 == fingerprint
            {
                return info.kid
            }
        }
        return nil
    }

    /// Every key ever used, newest first.
    public func list() async throws -> [Info] {
        try await database.writer.read { db in try Self.list(db) }
    }

    static func list(_ db: Database) throws -> [Info] {
        try Row.fetchAll(db, sql: "SELECT * FROM signing_key ORDER BY created_at DESC").map { row in
            Info(
                kid: row["kid"], fingerprint: row["fingerprint"], createdAt: row["created_at"],
                retiredAt: row["retired_at"], publicPEM: row["public_pem"])
        }
    }

    /// A public key by its short kid, parsed once and kept.
    public func publicKey(kid: String) async throws -> RSAPublicKey? {
        if let cached = publicKeys.withLock({ $0[kid] }) { return cached }
        guard
            let pem = try await database.writer.read({ db in
                try String.fetchOne(db, sql: "SELECT public_pem FROM signing_key WHERE kid = ?", arguments: [kid])
            })
        else { return nil }
        let key = try RSAPublicKey(pem: pem)
        publicKeys.withLock { $0[kid] = key }
        return key
    }

    /// The JWK set of every key, with each `kid` the full address that certificates' headers name.
    public func jwks(baseURL: String) async throws -> JWKSet {
        var keys: [JWK] = []
        for info in try await list() {
            guard let key = try await publicKey(kid: info.kid) else { continue }
            keys.append(key.jwk(kid: Self.keyURL(baseURL, info.kid)))
        }
        return JWKSet(keys: keys)
    }

    public static func keyURL(_ baseURL: String, _ kid: String) -> String { "\(baseURL)/keys/\(kid)" }

    /// The short kid from a header's `kid` address (or a bare kid).
    public static func shortKid(_ headerKid: String) -> String {
        String(headerKid.split(separator: "/").last ?? Substring(headerKid))
    }
}
