import COpenSSL

/// An RSA private key held in an OpenSSL `EVP_PKEY`.
///
/// `@unchecked Sendable` is safe: the wrapped `EVP_PKEY` is never mutated
/// after creation (this class exposes no mutating operation and the pointer
/// never escapes the module), OpenSSL 3 allows concurrent read-only use of
/// one `EVP_PKEY` from several threads (signing creates a per-call context),
/// and the key is freed exactly once, in `deinit`.
public final class RSAPrivateKey: @unchecked Sendable {
    /// The owned `EVP_PKEY`.
    let pointer: OpaquePointer
    /// The matching public key.
    public let publicKey: RSAPublicKey
    /// The modulus size in bits.
    public let bits: Int

    /// Takes ownership of `pkey` (freed on failure) after checking it is RSA.
    private init(taking pkey: OpaquePointer) throws {
        try PKey.requireRSA(pkey)
        do {
            publicKey = try RSAPublicKey(taking: PKey.fromPublicDER(PKey.publicDER(pkey)))
        } catch {
            EVP_PKEY_free(pkey)
            throw error
        }
        pointer = pkey
        bits = Int(EVP_PKEY_get_bits(pkey))
    }

    deinit {
        EVP_PKEY_free(pointer)
    }

    /// Takes ownership of `pkey` (freed here if it is not a usable RSA key).
    convenience init(takingKey pkey: OpaquePointer) throws {
        try self.init(taking: pkey)
    }

    /// Generates a new RSA key with public exponent 65537.
    ///
    /// - Parameter bits: modulus size, 2048...16384 (default 3072).
    /// - Throws: `.invalidArgument` for an unsupported size, `.openssl` if
    ///   generation fails.
    public static func generate(bits: Int = 3072) throws -> RSAPrivateKey {
        guard PKey.acceptedBits.contains(bits) else {
            throw SigningError.invalidArgument("RSA key size \(bits) outside \(PKey.acceptedBits)")
        }
        let pkey = try PKey.withRSAContext { context -> OpaquePointer in
            guard EVP_PKEY_keygen_init(context) == 1 else {
                throw OpenSSLErrorQueue.error("EVP_PKEY_keygen_init")
            }
            guard EVP_PKEY_CTX_set_rsa_keygen_bits(context, Int32(bits)) == 1 else {
                throw OpenSSLErrorQueue.error("EVP_PKEY_CTX_set_rsa_keygen_bits")
            }
            var pkey: OpaquePointer?
            guard EVP_PKEY_generate(context, &pkey) == 1, let pkey else {
                throw OpenSSLErrorQueue.error("EVP_PKEY_generate")
            }
            return pkey
        }
        return try RSAPrivateKey(taking: pkey)
    }

    /// Loads a private key from PEM: PKCS#8 ("BEGIN PRIVATE KEY") or
    /// PKCS#1 ("BEGIN RSA PRIVATE KEY"). Encrypted PEM is refused (no prompt).
    ///
    /// - Throws: `.invalidKey` for unreadable PEM, a non-RSA key or an
    ///   unsupported size.
    public convenience init(pem: String) throws {
        let pkey = try MemoryBIO.withReader(pem) { bio in
            PEM_read_bio_PrivateKey(bio, nil, PKey.refusePassphrase, nil)
        }
        guard let pkey else { throw OpenSSLErrorQueue.keyError("PEM_read_bio_PrivateKey") }
        try self.init(taking: pkey)
    }

    /// The key as unencrypted PKCS#8 PEM ("-----BEGIN PRIVATE KEY-----").
    public func pemRepresentation() throws -> String {
        try MemoryBIO.collect("PEM_write_bio_PrivateKey") { bio in
            PEM_write_bio_PrivateKey(bio, pointer, nil, nil, 0, nil, nil)
        }
    }

    /// Writes the PKCS#8 PEM to `path` with mode 0600, atomically: the data
    /// goes to a fresh temporary file (O_CREAT|O_EXCL, 0600) in the same
    /// directory, is fsync'ed, then renamed over `path`.
    ///
    /// - Throws: `.io` on file-system errors, `.openssl` if encoding fails.
    public func write(to path: String) throws {
        let pem = try pemRepresentation()
        try SecureFileWriter.write(Array(pem.utf8), to: path)
    }
}
