import Foundation
import GRDB
import Signing
import Synchronization

/// The certificate signing keys: private keys in `data/keys/<kid>.pem` (mode 0600, never served), public keys in
/// the database so every key ever used stays published and old certificates keep verifying.
public final class KeyStore: Sendable {
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
    private let current = Mutex<(kid: String, key: RSAPrivateKey)?>(nil)
    private let publicKeys = Mutex<[String: RSAPublicKey]>([:])

    public init(database: AppDatabase, dataDirectory: String) {
        self.database = database
        self.directory = (dataDirectory as NSString).appendingPathComponent("keys")
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
        current.withLock { $0 = (active, key) }
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
        let year = Calendar(identifier: .gregorian).component(.year, from: now)
        let existing = try await database.writer.read { db in
            try String.fetchAll(db, sql: "SELECT kid FROM signing_key WHERE kid LIKE ?", arguments: ["\(year)-%"])
        }
        var number = existing.compactMap { Int($0.split(separator: "-").last ?? "") }.max().map { $0 + 1 } ?? 1
        while FileManager.default.fileExists(atPath: path("\(year)-\(number)")) { number += 1 }
        let kid = "\(year)-\(number)"
        try key.write(to: path(kid))
        let pem = try key.publicKey.pemRepresentation()
        try await database.writer.write { db in
            try db.execute(sql: "UPDATE signing_key SET retired_at = ? WHERE retired_at IS NULL", arguments: [now])
            try db.execute(
                sql: "INSERT INTO signing_key (kid, public_pem, fingerprint, created_at) VALUES (?, ?, ?, ?)",
                arguments: [kid, pem, key.publicKey.fingerprintSHA256, now])
            try AuditLog.record(
                db, .keyRotated, actor: actor, target: kid, detail: "sha256:\(key.publicKey.fingerprintSHA256)")
        }
        current.withLock { $0 = (kid, key) }
        return kid
    }

    /// The key new certificates are signed with.
    public func signingKey() throws -> (kid: String, key: RSAPrivateKey) {
        guard let active = current.withLock({ $0 }) else { throw SigningError.invalidKey("no signing key loaded") }
        return active
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
