import Foundation
import Hummingbird

/// A decoded `application/x-www-form-urlencoded` body whose field names are not fixed. Never throws: a missing field
/// is nil.
///
/// Forms of fixed fields are read by `FormBody` (Hummingbird's `URLEncodedFormDecoder` into a struct). This small
/// reader stays for what that decoder cannot read (checked in Hummingbird 2.28.1, `URLEncodedFormNode`; see
/// FormBodyTests): a name repeated as browsers send checkboxes (`cert_requires=a&cert_requires=b`, the quiz page's
/// multiple answers without JavaScript) throws `duplicateKeys` there unless written `name[]`; rows numbered in
/// their names (the quiz editor's `q0_c1_text`), which no struct can name; and the CSRF token, which is read from
/// every form, those included.
public struct FormData: Sendable {
    private var values: [String: [String]] = [:]

    public init(_ body: String) {
        var body = body
        self.init(utf8: body.withUTF8 { Array($0) })
    }

    /// Reads `key=value&…` in one pass over the bytes: linear in the body's size, with no string work for an
    /// empty pair, so even a body of millions of `&` costs milliseconds, not seconds (issue 13).
    init(utf8 bytes: [UInt8]) {
        var start = 0
        let count = bytes.count
        while start < count {
            var end = start
            var equals = -1
            while end < count && bytes[end] != UInt8(ascii: "&") {
                if equals < 0 && bytes[end] == UInt8(ascii: "=") { equals = end }
                end += 1
            }
            if end > start {
                let keyEnd = equals < 0 ? end : equals
                let key = Self.decode(bytes[start..<keyEnd])
                let value = equals < 0 ? "" : Self.decode(bytes[(equals + 1)..<end])
                values[key, default: []].append(value)
            }
            start = end + 1
        }
    }

    /// Reads and decodes the request body (which middleware may already have collected).
    public static func read(_ request: Request, context: AppRequestContext) async throws -> FormData {
        var request = request
        let body = try await request.collectBody(upTo: context.bodyLimit)
        return FormData(utf8: Array(buffer: body))
    }

    /// The first value of a field, trimmed of surrounding spaces and in NFC.
    public subscript(_ key: String) -> String? {
        values[key]?.first.map {
            $0.trimmingCharacters(in: .whitespacesAndNewlines).precomposedStringWithCanonicalMapping
        }
    }

    /// A field exactly as sent (passwords: spaces are part of them).
    public func raw(_ key: String) -> String? { values[key]?.first }

    /// A count sent by a page (rows of a form) as a number from 0 to `atMost`; anything else is 0 or `atMost`, so
    /// no loop over it can trap or run long.
    public func count(_ key: String, atMost limit: Int) -> Int {
        min(max(Int(self[key] ?? "") ?? 0, 0), limit)
    }

    /// Every value of a repeated field (checkboxes).
    public func all(_ key: String) -> [String] { values[key] ?? [] }

    /// Every field as sent, in name order (a form sent back unchanged: the conflict page's "keep mine").
    public var fields: [(name: String, value: String)] {
        values.keys.sorted().flatMap { key in values[key, default: []].map { (key, $0) } }
    }

    /// `+` is a space and `%XX` a byte; a `%` not followed by two hex digits stays as it is. Invalid UTF-8 becomes
    /// U+FFFD rather than an error: a form field is text a person typed.
    static func decode(_ bytes: ArraySlice<UInt8>) -> String {
        guard bytes.contains(where: { $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "%") }) else {
            return String(decoding: bytes, as: UTF8.self)
        }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte == UInt8(ascii: "+") {
                out.append(UInt8(ascii: " "))
            } else if byte == UInt8(ascii: "%"), index + 2 < bytes.endIndex,
                let high = hexValue(bytes[index + 1]), let low = hexValue(bytes[index + 2])
            {
                out.append(high << 4 | low)
                index += 2
            } else {
                out.append(byte)
            }
            index += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
