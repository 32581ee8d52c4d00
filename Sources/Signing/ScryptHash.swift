import COpenSSL

/// A parsed `$scrypt$ln=<logN>,r=<r>,p=<p>$<salt>$<key>` string and the
/// scrypt derivation behind it. Salt and key use standard base64 without padding.
struct ScryptHash: Sendable, Equatable {
    /// Largest accepted log2(N); keeps a tampered stored string from asking
    /// for absurd amounts of work.
    static let maxLogN = 22
    /// Largest accepted block size r.
    static let maxR = 32
    /// Largest accepted parallelisation p.
    static let maxP = 16
    /// Largest accepted scrypt working memory (128 * r * N), 1 GiB.
    static let maxMemory = 1 << 30

    let logN: Int
    let r: Int
    let p: Int
    let salt: [UInt8]
    let key: [UInt8]

    /// Whether the cost parameters are in the accepted range.
    static func parametersAreValid(logN: Int, r: Int, p: Int) -> Bool {
        guard (1...maxLogN).contains(logN), (1...maxR).contains(r), (1...maxP).contains(p) else {
            return false
        }
        return 128 * r * (1 << logN) <= maxMemory
    }

    /// The self-describing string form.
    var encoded: String {
        let codec = Base64Codec.standard
        return "$scrypt$ln=\(logN),r=\(r),p=\(p)$\(codec.encode(salt))$\(codec.encode(key))"
    }

    /// Parses a stored string; nil for anything malformed or out of range.
    static func parse(_ stored: String) -> ScryptHash? {
        let fields = stored.split(separator: "$", omittingEmptySubsequences: false)
        guard fields.count == 5, fields[0].isEmpty, fields[1] == "scrypt" else { return nil }
        let params = fields[2].split(separator: ",", omittingEmptySubsequences: false)
        guard params.count == 3,
            let logN = number(params[0], name: "ln"),
            let r = number(params[1], name: "r"),
            let p = number(params[2], name: "p"),
            parametersAreValid(logN: logN, r: r, p: p),
            let salt = Base64Codec.standard.decode(String(fields[3])),
            let key = Base64Codec.standard.decode(String(fields[4])),
            salt.count >= 8, salt.count <= 64,
            key.count >= 16, key.count <= 64
        else { return nil }
        return ScryptHash(logN: logN, r: r, p: p, salt: salt, key: key)
    }

    /// Reads `name=<decimal>` with at most three digits and no sign.
    private static func number(_ field: Substring, name: String) -> Int? {
        let prefix = name + "="
        guard field.hasPrefix(prefix) else { return nil }
        let digits = field.dropFirst(prefix.count)
        guard !digits.isEmpty, digits.count <= 3, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            return nil
        }
        return Int(digits)
    }

    /// Runs scrypt (`EVP_PBE_scrypt`) and returns `length` bytes.
    static func derive(password: [UInt8], salt: [UInt8], logN: Int, r: Int, p: Int, length: Int) throws -> [UInt8] {
        guard parametersAreValid(logN: logN, r: r, p: p) else {
            throw SigningError.invalidArgument("scrypt parameters out of range (ln=\(logN), r=\(r), p=\(p))")
        }
        let n = 1 << logN
        // OpenSSL needs 128*r*(N+2) bytes for V plus 128*r*p for B; double V and add slack.
        let maxmem = UInt64(128 * r * n * 2 + 128 * r * p + (1 << 20))
        var key = [UInt8](repeating: 0, count: length)
        let status = password.withUnsafeBytes { pass in
            salt.withUnsafeBufferPointer { saltBuffer in
                key.withUnsafeMutableBufferPointer { out in
                    EVP_PBE_scrypt(
                        pass.baseAddress?.assumingMemoryBound(to: CChar.self), pass.count,
                        saltBuffer.baseAddress, saltBuffer.count,
                        UInt64(n), UInt64(r), UInt64(p), maxmem,
                        out.baseAddress, out.count)
                }
            }
        }
        guard status == 1 else { throw OpenSSLErrorQueue.error("EVP_PBE_scrypt") }
        return key
    }
}
