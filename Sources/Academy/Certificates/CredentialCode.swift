import Signing

/// Certificate codes: 12 Crockford Base32 characters (60 random bits), shown as `XXXX-XXXX-XXXX`.
public enum CredentialCode {
    /// Crockford's Base32 alphabet: digits and capitals without I, L, O and U.
    static let alphabet: [Character] = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ")

    /// Number of code characters, without dashes.
    static let length = 12

    /// A fresh code from the cryptographic random source, e.g. `7KQ2-M9XD-40TB`.
    ///
    /// Each character takes the low 5 bits of its own random byte (32 divides 256, so there is no bias).
    /// - Throws: `SigningError.openssl` if the random generator fails.
    public static func generate() throws -> String {
        let bytes = try SecureRandom.bytes(length)
        return format(bytes.map { alphabet[Int($0 & 0x1F)] })
    }

    /// The canonical `XXXX-XXXX-XXXX` form of a code as a person may type it, or nil if it is not a code.
    ///
    /// Case, dashes and spaces are ignored and Crockford's look-alikes are mapped (I and L to 1, O to 0);
    /// U, any other character and any length but 12 are refused.
    public static func normalize(_ string: String) -> String? {
        var characters: [Character] = []
        characters.reserveCapacity(length)
        for scalar in string.unicodeScalars {
            guard scalar.isASCII else { return nil }
            var byte = UInt8(scalar.value)
            if byte == UInt8(ascii: "-") || byte == UInt8(ascii: " ") { continue }
            if byte >= UInt8(ascii: "a"), byte <= UInt8(ascii: "z") { byte -= 0x20 }
            switch byte {
            case UInt8(ascii: "I"), UInt8(ascii: "L"): byte = UInt8(ascii: "1")
            case UInt8(ascii: "O"): byte = UInt8(ascii: "0")
            default: break
            }
            let character = Character(Unicode.Scalar(byte))
            guard alphabet.contains(character), characters.count < length else { return nil }
            characters.append(character)
        }
        guard characters.count == length else { return nil }
        return format(characters)
    }

    /// Joins 12 characters as `XXXX-XXXX-XXXX`.
    private static func format(_ characters: [Character]) -> String {
        String(characters[0..<4]) + "-" + String(characters[4..<8]) + "-" + String(characters[8..<12])
    }
}
