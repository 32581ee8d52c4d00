/// The one JSON string escaper, for the JSON we write by hand: signed credentials (`CanonicalJSON`, whose bytes
/// must never change) and the attempt's stored answers and results (written on every autosave and submission).
///
/// RFC 8259 section 7: `"` and `\` escaped, `\n` `\r` `\t` by name, every other control character as `\u00XX`
/// (lower-case hex); `/` and all other text, non-ASCII included, as it is.
enum JSONString {
    /// Appends `text` as a JSON string literal, quotes included.
    static func append(_ text: String, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            // Every byte to escape is ASCII, and no byte of a multi-byte UTF-8 sequence is, so bytes will do.
            switch byte {
            case UInt8(ascii: "\""): output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
            case UInt8(ascii: "\\"): output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case 0x0A: output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case 0x0D: output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            case 0x09: output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            case 0x00..<0x20:
                output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0")])
                output.append(hexDigits[Int(byte >> 4)])
                output.append(hexDigits[Int(byte & 0x0F)])
            default:
                output.append(byte)
            }
        }
        output.append(UInt8(ascii: "\""))
    }

    /// `text` as a JSON string literal, quotes included.
    static func quoted(_ text: String) -> String {
        // Most ids and answers need no escaping at all.
        if !text.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
            return "\"" + text + "\""
        }
        var output: [UInt8] = []
        output.reserveCapacity(text.utf8.count + 8)
        append(text, to: &output)
        return String(decoding: output, as: UTF8.self)
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)
}
