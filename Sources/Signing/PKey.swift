import COpenSSL

/// Internal helpers around `EVP_PKEY` pointers shared by the key classes.
enum PKey {
    /// Accepted RSA modulus sizes in bits.
    static let acceptedBits = 2048...16384

    /// Checks that `pkey` is a plain RSA key of an accepted size; frees it and
    /// throws otherwise.
    static func requireRSA(_ pkey: OpaquePointer) throws {
        guard EVP_PKEY_is_a(pkey, "RSA") == 1 else {
            EVP_PKEY_free(pkey)
            throw SigningError.invalidKey("not an RSA key")
        }
        let bits = Int(EVP_PKEY_get_bits(pkey))
        guard acceptedBits.contains(bits) else {
            EVP_PKEY_free(pkey)
            throw SigningError.invalidKey("RSA key size \(bits) bits outside \(acceptedBits)")
        }
    }

    /// SubjectPublicKeyInfo DER of `pkey` (`i2d_PUBKEY`).
    static func publicDER(_ pkey: OpaquePointer) throws -> [UInt8] {
        let length = i2d_PUBKEY(pkey, nil)
        guard length > 0 else { throw OpenSSLErrorQueue.keyError("i2d_PUBKEY") }
        var der = [UInt8](repeating: 0, count: Int(length))
        let written = der.withUnsafeMutableBufferPointer { buffer -> Int32 in
            var cursor = buffer.baseAddress
            return i2d_PUBKEY(pkey, &cursor)
        }
        guard written == length else { throw OpenSSLErrorQueue.keyError("i2d_PUBKEY") }
        return der
    }

    /// A new public-only `EVP_PKEY` from SubjectPublicKeyInfo DER (`d2i_PUBKEY`).
    static func fromPublicDER(_ der: [UInt8]) throws -> OpaquePointer {
        let pkey = der.withUnsafeBufferPointer { buffer -> OpaquePointer? in
            var cursor = buffer.baseAddress
            return d2i_PUBKEY(nil, &cursor, buffer.count)
        }
        guard let pkey else { throw OpenSSLErrorQueue.keyError("d2i_PUBKEY") }
        return pkey
    }

    /// A big-number parameter (e.g. RSA "n" or "e") as big-endian bytes
    /// without leading zeros.
    static func bigNumber(_ pkey: OpaquePointer, _ name: String) throws -> [UInt8] {
        var bn: OpaquePointer?
        guard EVP_PKEY_get_bn_param(pkey, name, &bn) == 1, let bn else {
            throw OpenSSLErrorQueue.keyError("EVP_PKEY_get_bn_param(\(name))")
        }
        defer { BN_free(bn) }
        let count = (Int(BN_num_bits(bn)) + 7) / 8
        var bytes = [UInt8](repeating: 0, count: count)
        let written = bytes.withUnsafeMutableBufferPointer { BN_bn2bin(bn, $0.baseAddress) }
        guard Int(written) == count else { throw OpenSSLErrorQueue.keyError("BN_bn2bin") }
        return bytes
    }

    /// Runs `body` with a fresh `EVP_PKEY_CTX` for RSA, freed afterwards.
    ///
    /// OpenSSL 3.0 keeps the key-type name pointer inside the context, so the
    /// C string must outlive the context; `withCString` guarantees that here.
    static func withRSAContext<T>(_ body: (OpaquePointer) throws -> T) throws -> T {
        try "RSA".withCString { name in
            guard let context = EVP_PKEY_CTX_new_from_name(nil, name, nil) else {
                throw OpenSSLErrorQueue.error("EVP_PKEY_CTX_new_from_name")
            }
            defer { EVP_PKEY_CTX_free(context) }
            return try body(context)
        }
    }

    /// A callback that refuses every passphrase request, so an encrypted PEM
    /// fails instead of prompting on the terminal.
    static let refusePassphrase:
        @convention(c) (
            UnsafeMutablePointer<CChar>?, Int32, Int32, UnsafeMutableRawPointer?
        ) -> Int32 = { _, _, _, _ in -1 }
}
