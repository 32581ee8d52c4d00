import COpenSSL

/// Cryptographically secure random bytes from OpenSSL's CSPRNG (`RAND_bytes`).
public enum SecureRandom {
    /// Returns `count` random bytes.
    ///
    /// - Throws: `.invalidArgument` for a negative count, `.openssl` if the
    ///   generator fails (for example when it cannot be seeded).
    public static func bytes(_ count: Int) throws -> [UInt8] {
        guard count >= 0 else {
            throw SigningError.invalidArgument("random byte count must not be negative")
        }
        if count == 0 { return [] }
        var output = [UInt8](repeating: 0, count: count)
        let ok = output.withUnsafeMutableBufferPointer { buffer -> Bool in
            guard let base = buffer.baseAddress else { return false }
            var offset = 0
            while offset < count {
                let chunk = min(count - offset, Int(Int32.max))
                guard RAND_bytes(base + offset, Int32(chunk)) == 1 else { return false }
                offset += chunk
            }
            return true
        }
        guard ok else { throw OpenSSLErrorQueue.error("RAND_bytes") }
        return output
    }

    /// Returns a fresh 256-bit token: 32 random bytes, base64url without
    /// padding (always 43 characters). Suitable for session ids, CSRF tokens
    /// and one-time links.
    public static func token() throws -> String {
        Base64URL.encode(try bytes(32))
    }
}
