/// Strict, unpadded base64 encoder/decoder shared by `Base64URL` and the
/// standard-alphabet encoding used in password hashes.
struct Base64Codec: Sendable {
    /// The URL-safe alphabet of RFC 4648 section 5.
    static let url = Base64Codec(alphabet: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
    /// The standard alphabet of RFC 4648 section 4.
    static let standard = Base64Codec(alphabet: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")

    private let encodeTable: [UInt8]
    private let decodeTable: [Int8]

    private init(alphabet: String) {
        let table = Array(alphabet.utf8)
        var reverse = [Int8](repeating: -1, count: 256)
        for (index, char) in table.enumerated() {
            reverse[Int(char)] = Int8(index)
        }
        encodeTable = table
        decodeTable = reverse
    }

    /// Encodes `bytes` without padding.
    func encode(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count * 4 + 2) / 3)
        var index = 0
        while index + 3 <= bytes.count {
            let value = UInt32(bytes[index]) << 16 | UInt32(bytes[index + 1]) << 8 | UInt32(bytes[index + 2])
            out.append(encodeTable[Int(value >> 18 & 63)])
            out.append(encodeTable[Int(value >> 12 & 63)])
            out.append(encodeTable[Int(value >> 6 & 63)])
            out.append(encodeTable[Int(value & 63)])
            index += 3
        }
        let rest = bytes.count - index
        if rest == 1 {
            let value = UInt32(bytes[index]) << 16
            out.append(encodeTable[Int(value >> 18 & 63)])
            out.append(encodeTable[Int(value >> 12 & 63)])
        } else if rest == 2 {
            let value = UInt32(bytes[index]) << 16 | UInt32(bytes[index + 1]) << 8
            out.append(encodeTable[Int(value >> 18 & 63)])
            out.append(encodeTable[Int(value >> 12 & 63)])
            out.append(encodeTable[Int(value >> 6 & 63)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Decodes unpadded base64. Returns nil for any character outside the
    /// alphabet (including "=" and whitespace), an impossible length, or
    /// non-zero unused trailing bits (so every byte string has exactly one
    /// accepted encoding).
    func decode(_ string: String) -> [UInt8]? {
        let input = Array(string.utf8)
        guard input.count % 4 != 1 else { return nil }
        var values = [UInt32]()
        values.reserveCapacity(input.count)
        for char in input {
            let value = decodeTable[Int(char)]
            guard value >= 0 else { return nil }
            values.append(UInt32(value))
        }
        var out: [UInt8] = []
        out.reserveCapacity(input.count * 3 / 4)
        var index = 0
        while index + 4 <= values.count {
            let group = values[index] << 18 | values[index + 1] << 12 | values[index + 2] << 6 | values[index + 3]
            out.append(UInt8(group >> 16 & 0xFF))
            out.append(UInt8(group >> 8 & 0xFF))
            out.append(UInt8(group & 0xFF))
            index += 4
        }
        let rest = values.count - index
        if rest == 2 {
            guard values[index + 1] & 0x0F == 0 else { return nil }
            let group = values[index] << 18 | values[index + 1] << 12
            out.append(UInt8(group >> 16 & 0xFF))
        } else if rest == 3 {
            guard values[index + 2] & 0x03 == 0 else { return nil }
            let group = values[index] << 18 | values[index + 1] << 12 | values[index + 2] << 6
            out.append(UInt8(group >> 16 & 0xFF))
            out.append(UInt8(group >> 8 & 0xFF))
        }
        return out
    }
}
