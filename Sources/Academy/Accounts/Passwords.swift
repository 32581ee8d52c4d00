import Signing

/// Rules for usernames and passwords, and the generator of first passwords for login slips.
public enum Passwords {
    public static let minimumLength = 8

    public static func isAcceptable(_ password: String) -> Bool {
        password.count >= minimumLength && password.count <= 200
    }

    /// Usernames are often phone numbers or staff codes: ASCII letters, digits and `.-_@`.
    public static func isValidUsername(_ name: String) -> Bool {
        (3...64).contains(name.count)
            && name.unicodeScalars.allSatisfy {
                ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0)
                    || ".-_@".unicodeScalars.contains($0)
            }
    }

    /// Letters and digits that cannot be mistaken for each other on a printed slip (no 0/o, 1/l/i).
    static let alphabet = Array("abcdefghjkmnpqrstuvwxyz23456789")

    /// A first password such as `k7pm-3xqa-9h`: 10 random symbols (about 49 bits), grouped to type on a phone.
    public static func generate() throws -> String {
        let bytes = try SecureRandom.bytes(32)
        var symbols: [Character] = []
        for byte in bytes where Int(byte) < 248 {  // 248 = 8 × 31: no modulo bias
            symbols.append(alphabet[Int(byte) % alphabet.count])
            if symbols.count == 10 { break }
        }
        guard symbols.count == 10 else { return try generate() }
        let text = String(symbols)
        return "\(text.prefix(4))-\(text.dropFirst(4).prefix(4))-\(text.suffix(2))"
    }
}
