import COpenSSL

/// Comparisons whose running time does not depend on the content compared.
public enum ConstantTime {
    /// Returns true when `a` and `b` hold the same bytes.
    ///
    /// Arrays of different length are unequal at once (the length is not
    /// treated as secret); equal-length arrays are compared with
    /// `CRYPTO_memcmp`, which always reads every byte.
    public static func equals(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        if a.isEmpty { return true }
        return a.withUnsafeBytes { left in
            b.withUnsafeBytes { right in
                CRYPTO_memcmp(left.baseAddress, right.baseAddress, left.count) == 0
            }
        }
    }
}
