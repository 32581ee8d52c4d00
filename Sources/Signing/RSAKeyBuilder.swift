import COpenSSL

/// Builds RSA `EVP_PKEY`s from raw components with `OSSL_PARAM_BLD`.
enum RSAKeyBuilder {
    /// `EVP_PKEY_PUBLIC_KEY`: public key plus all parameters.
    private static let publicKeySelection: Int32 = 0x02 | 0x04 | 0x80

    /// A new public `EVP_PKEY` from modulus and exponent (big-endian bytes).
    ///
    /// `OSSL_PARAM_BLD` stores the parameter-name pointers, not copies, so the
    /// names are kept alive with `withCString` until `EVP_PKEY_fromdata` returns.
    static func publicKey(n: [UInt8], e: [UInt8]) throws -> OpaquePointer {
        try OSSL_PKEY_PARAM_RSA_N.withCString { nName in
            try OSSL_PKEY_PARAM_RSA_E.withCString { eName in
                try build(n: n, nName: nName, e: e, eName: eName)
            }
        }
    }

    /// The body of `publicKey`, with stable parameter-name pointers.
    private static func build(
        n: [UInt8], nName: UnsafePointer<CChar>, e: [UInt8], eName: UnsafePointer<CChar>
    ) throws -> OpaquePointer {
        guard let builder = OSSL_PARAM_BLD_new() else {
            throw OpenSSLErrorQueue.error("OSSL_PARAM_BLD_new")
        }
        defer { OSSL_PARAM_BLD_free(builder) }
        let bnN = try bigNumber(n)
        defer { BN_free(bnN) }
        let bnE = try bigNumber(e)
        defer { BN_free(bnE) }
        guard OSSL_PARAM_BLD_push_BN(builder, nName, bnN) == 1,
            OSSL_PARAM_BLD_push_BN(builder, eName, bnE) == 1,
            let params = OSSL_PARAM_BLD_to_param(builder)
        else { throw OpenSSLErrorQueue.keyError("OSSL_PARAM_BLD") }
        defer { OSSL_PARAM_free(params) }
        return try PKey.withRSAContext { context in
            var pkey: OpaquePointer?
            guard EVP_PKEY_fromdata_init(context) == 1,
                EVP_PKEY_fromdata(context, &pkey, publicKeySelection, params) == 1,
                let pkey
            else { throw OpenSSLErrorQueue.keyError("EVP_PKEY_fromdata") }
            return pkey
        }
    }

    /// A new `BIGNUM` from big-endian bytes; the caller frees it.
    private static func bigNumber(_ bytes: [UInt8]) throws -> OpaquePointer {
        guard bytes.count <= 4096,
            let bn = bytes.withUnsafeBufferPointer({ BN_bin2bn($0.baseAddress, Int32($0.count), nil) })
        else { throw OpenSSLErrorQueue.keyError("BN_bin2bn") }
        return bn
    }
}
