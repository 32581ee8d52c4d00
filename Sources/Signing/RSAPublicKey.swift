import COpenSSL

/// An RSA public key held in an OpenSSL `EVP_PKEY`.
///
/// `@unchecked Sendable` is safe: the wrapped `EVP_PKEY` is never mutated
/// after creation, OpenSSL 3 allows concurrent read-only use of one
/// `EVP_PKEY` from several threads (verification creates a per-call
/// context), every cached value is an immutable `let`, and the key is freed
/// exactly once, in `deinit`.
public final class RSAPublicKey: @unchecked Sendable {
    /// The owned `EVP_PKEY`.
    let pointer: OpaquePointer
    /// SubjectPublicKeyInfo DER, computed once.
    private let der: [UInt8]
    /// The modulus n, big-endian, without leading zero bytes.
    public let modulus: [UInt8]
    /// The public exponent e, big-endian, without leading zero bytes.
    public let exponent: [UInt8]
    /// The modulus size in bits.
    public let bits: Int

    /// Takes ownership of `pkey` (freed on failure) after checking it is RSA.
    init(taking pkey: OpaquePointer) throws {
        try PKey.requireRSA(pkey)
        do {
            der = try PKey.publicDER(pkey)
            modulus = try PKey.bigNumber(pkey, OSSL_PKEY_PARAM_RSA_N)
            exponent = try PKey.bigNumber(pkey, OSSL_PKEY_PARAM_RSA_E)
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

    /// Loads a SubjectPublicKeyInfo PEM ("-----BEGIN PUBLIC KEY-----").
    ///
    /// - Throws: `.invalidKey` for unreadable PEM, a non-RSA key or an
    ///   unsupported size.
    public convenience init(pem: String) throws {
        let pkey = try MemoryBIO.withReader(pem) { bio in
            PEM_read_bio_PUBKEY(bio, nil, PKey.refusePassphrase, nil)
        }
        guard let pkey else { throw OpenSSLErrorQueue.keyError("PEM_read_bio_PUBKEY") }
        try self.init(taking: pkey)
    }

    /// Loads SubjectPublicKeyInfo DER.
    ///
    /// - Throws: `.invalidKey` for unreadable DER, a non-RSA key or an
    ///   unsupported size.
    public convenience init(der: [UInt8]) throws {
        try self.init(taking: PKey.fromPublicDER(der))
    }

    /// Builds a key from its modulus and exponent (big-endian bytes, e.g. the
    /// decoded "n" and "e" of a JWK) via `OSSL_PARAM_BLD` + `EVP_PKEY_fromdata`.
    ///
    /// - Throws: `.invalidKey` for an empty, even or unsupported-size modulus,
    ///   an exponent that is not odd and > 1, or if OpenSSL rejects the key.
    public convenience init(n: [UInt8], e: [UInt8]) throws {
        let n = Array(n.drop { $0 == 0 })
        let e = Array(e.drop { $0 == 0 })
        guard let nLast = n.last, nLast & 1 == 1 else {
            throw SigningError.invalidKey("RSA modulus must be odd and non-empty")
        }
        guard let eLast = e.last, eLast & 1 == 1, e != [1], e.count <= 8 else {
            throw SigningError.invalidKey("RSA exponent must be odd, greater than 1 and at most 64 bits")
        }
        try self.init(taking: RSAKeyBuilder.publicKey(n: n, e: e))
    }

    /// The key as SubjectPublicKeyInfo PEM ("-----BEGIN PUBLIC KEY-----"),
    /// identical to `openssl pkey -pubout`.
    public func pemRepresentation() throws -> String {
        try MemoryBIO.collect("PEM_write_bio_PUBKEY") { bio in
            PEM_write_bio_PUBKEY(bio, pointer)
        }
    }

    /// The key as SubjectPublicKeyInfo DER.
    public func derRepresentation() -> [UInt8] {
        der
    }

    /// Lower-case hex SHA-256 of the SubjectPublicKeyInfo DER, no colons
    /// (equals `openssl pkey -pubin -outform DER | sha256sum`).
    public var fingerprintSHA256: String {
        Digest.sha256Hex(der)
    }

    /// The key as an RS256 signing JWK with the given key id.
    public func jwk(kid: String) -> JWK {
        JWK(n: Base64URL.encode(modulus), e: Base64URL.encode(exponent), kid: kid)
    }
}
