import COpenSSL

/// Message digests computed by OpenSSL (`EVP_Digest`).
public enum Digest {
    /// Returns the 32-byte SHA-256 digest of `bytes`.
    ///
    /// SHA-256 through OpenSSL can only fail on memory exhaustion or a broken
    /// provider configuration; in that case the error queue is cleared and an
    /// empty array is returned (never a wrong 32-byte value).
    public static func sha256(_ bytes: [UInt8]) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: 32)
        var length: UInt32 = 0
        let status = bytes.withUnsafeBytes { input in
            output.withUnsafeMutableBufferPointer { out in
                EVP_Digest(input.baseAddress, input.count, out.baseAddress, &length, EVP_sha256(), nil)
            }
        }
        guard status == 1, length == 32 else {
            OpenSSLErrorQueue.clear()
            return []
        }
        return output
    }

    /// Returns the SHA-256 digest of `bytes` as 64 lower-case hex characters.
    public static func sha256Hex(_ bytes: [UInt8]) -> String {
        Hex.encode(sha256(bytes))
    }

    /// Returns the 32-byte HMAC-SHA-256 of `bytes` under `key` (OpenSSL's one-shot `HMAC`), or an empty array if
    /// OpenSSL fails (never a wrong 32-byte value).
    public static func hmacSHA256(key: [UInt8], _ bytes: [UInt8]) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: 32)
        var length: UInt32 = 0
        let result = key.withUnsafeBytes { keyBytes in
            bytes.withUnsafeBytes { input in
                output.withUnsafeMutableBufferPointer { out in
                    HMAC(
                        EVP_sha256(), keyBytes.baseAddress, Int32(keyBytes.count),
                        input.baseAddress?.assumingMemoryBound(to: UInt8.self), input.count, out.baseAddress, &length)
                }
            }
        }
        guard result != nil, length == 32 else {
            OpenSSLErrorQueue.clear()
            return []
        }
        return output
    }
}
