import COpenSSL

/// RSASSA-PKCS1-v1_5 with SHA-256 (the RS256 primitive) via
/// `EVP_DigestSign` / `EVP_DigestVerify`.
public enum RSASigner {
    /// Signs `data` with `key`; the signature is as long as the modulus.
    ///
    /// - Throws: `.openssl` if OpenSSL fails.
    public static func sign(_ data: [UInt8], with key: RSAPrivateKey) throws -> [UInt8] {
        guard let context = EVP_MD_CTX_new() else { throw OpenSSLErrorQueue.error("EVP_MD_CTX_new") }
        defer { EVP_MD_CTX_free(context) }
        var keyContext: OpaquePointer?
        guard EVP_DigestSignInit(context, &keyContext, EVP_sha256(), nil, key.pointer) == 1 else {
            throw OpenSSLErrorQueue.error("EVP_DigestSignInit")
        }
        guard EVP_PKEY_CTX_set_rsa_padding(keyContext, RSA_PKCS1_PADDING) == 1 else {
            throw OpenSSLErrorQueue.error("EVP_PKEY_CTX_set_rsa_padding")
        }
        var length = 0
        let sized = data.withUnsafeBufferPointer { input in
            EVP_DigestSign(context, nil, &length, input.baseAddress, input.count)
        }
        guard sized == 1, length > 0 else { throw OpenSSLErrorQueue.error("EVP_DigestSign") }
        var signature = [UInt8](repeating: 0, count: length)
        let signed = data.withUnsafeBufferPointer { input in
            signature.withUnsafeMutableBufferPointer { output in
                EVP_DigestSign(context, output.baseAddress, &length, input.baseAddress, input.count)
            }
        }
        guard signed == 1, length <= signature.count else { throw OpenSSLErrorQueue.error("EVP_DigestSign") }
        return Array(signature.prefix(length))
    }

    /// Returns true only if `signature` is a valid RS256 signature of `data`
    /// under `key`. Every failure (wrong length, wrong key, OpenSSL error)
    /// yields false and leaves the OpenSSL error queue empty.
    public static func verify(signature: [UInt8], data: [UInt8], key: RSAPublicKey) -> Bool {
        defer { OpenSSLErrorQueue.clear() }
        guard !signature.isEmpty, let context = EVP_MD_CTX_new() else { return false }
        defer { EVP_MD_CTX_free(context) }
        var keyContext: OpaquePointer?
        guard EVP_DigestVerifyInit(context, &keyContext, EVP_sha256(), nil, key.pointer) == 1,
            EVP_PKEY_CTX_set_rsa_padding(keyContext, RSA_PKCS1_PADDING) == 1
        else { return false }
        let status = data.withUnsafeBufferPointer { input in
            signature.withUnsafeBufferPointer { sig in
                EVP_DigestVerify(context, sig.baseAddress, sig.count, input.baseAddress, input.count)
            }
        }
        return status == 1
    }
}
