import Foundation

/// Password hashing with scrypt (OpenSSL `EVP_PBE_scrypt`).
///
/// Hashes are stored self-describing as
/// `$scrypt$ln=15,r=8,p=1$<salt>$<key>` (16-byte salt, 32-byte key, both
/// standard base64 without padding). `verify` reads the cost parameters from
/// the stored string, so the defaults can be raised later and old hashes
/// still verify; `needsRehash` tells when to re-hash after a successful login.
///
/// Passwords are normalised to Unicode NFC first, so composed and decomposed
/// input (e.g. Vietnamese "Nguyễn" from different input methods) match.
public struct PasswordHasher: Sendable, Equatable {
    /// log2 of the scrypt CPU/memory cost N.
    public let logN: Int
    /// scrypt block size.
    public let r: Int
    /// scrypt parallelisation.
    public let p: Int

    /// Salt length in bytes for new hashes.
    static let saltLength = 16
    /// Derived key length in bytes for new hashes.
    static let keyLength = 32

    /// Creates a hasher; the defaults (N = 2^15, r = 8, p = 1) need about
    /// 32 MiB and a few tens of milliseconds per hash. Parameters are
    /// checked when `hash` is called.
    public init(logN: Int = 15, r: Int = 8, p: Int = 1) {
        self.logN = logN
        self.r = r
        self.p = p
    }

    /// Hashes `password` with a fresh random salt and returns the stored form.
    ///
    /// - Throws: `.invalidArgument` if this hasher's parameters are out of
    ///   range (ln 1...22, r 1...32, p 1...16, 128*r*N at most 1 GiB),
    ///   `.openssl` if random generation or scrypt fails.
    public func hash(_ password: String) throws -> String {
        guard ScryptHash.parametersAreValid(logN: logN, r: r, p: p) else {
            throw SigningError.invalidArgument("scrypt parameters out of range (ln=\(logN), r=\(r), p=\(p))")
        }
        let salt = try SecureRandom.bytes(Self.saltLength)
        let key = try ScryptHash.derive(
            password: Self.normalized(password), salt: salt,
            logN: logN, r: r, p: p, length: Self.keyLength)
        return ScryptHash(logN: logN, r: r, p: p, salt: salt, key: key).encoded
    }

    /// Returns true when `password` matches `stored`.
    ///
    /// The cost parameters, salt and key length come from `stored`, not from
    /// this hasher. The key comparison is constant time. Any malformed or
    /// out-of-range stored string yields false.
    public func verify(_ password: String, against stored: String) -> Bool {
        guard let parsed = ScryptHash.parse(stored),
            let key = try? ScryptHash.derive(
                password: Self.normalized(password), salt: parsed.salt,
                logN: parsed.logN, r: parsed.r, p: parsed.p, length: parsed.key.count)
        else { return false }
        return ConstantTime.equals(key, parsed.key)
    }

    /// Returns true when `stored` should be replaced by a fresh hash: it is
    /// malformed, or any of its parameters (N, r, p, salt or key length) is
    /// weaker than this hasher's.
    public func needsRehash(_ stored: String) -> Bool {
        guard let parsed = ScryptHash.parse(stored) else { return true }
        return parsed.logN < logN || parsed.r < r || parsed.p < p
            || parsed.salt.count < Self.saltLength || parsed.key.count < Self.keyLength
    }

    /// The cost parameters inside a stored hash, as a hasher; nil when it is malformed.
    public static func parameters(of stored: String) -> PasswordHasher? {
        ScryptHash.parse(stored).map { PasswordHasher(logN: $0.logN, r: $0.r, p: $0.p) }
    }

    /// UTF-8 bytes of the NFC form of `password`.
    static func normalized(_ password: String) -> [UInt8] {
        Array(password.precomposedStringWithCanonicalMapping.utf8)
    }
}
