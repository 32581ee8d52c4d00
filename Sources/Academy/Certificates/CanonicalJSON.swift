import Foundation

/// A JSON value written to deterministic bytes, for data that is signed and never re-serialised.
///
/// Object members are written in ascending UTF-8 byte order of their keys, with no whitespace. Strings are
/// written as raw UTF-8 by `JSONString`: only `"`, `\` and control characters are escaped (`/` and non-ASCII text
/// are not).
enum CanonicalJSON: Sendable, Equatable {
    case string(String)
    case bool(Bool)
    case integer(Int64)
    case array([CanonicalJSON])
    case object([String: CanonicalJSON])

    /// The UTF-8 bytes of this value.
    var bytes: [UInt8] {
        var output: [UInt8] = []
        write(into: &output)
        return output
    }

    /// Appends the bytes of this value to `output`.
    func write(into output: inout [UInt8]) {
        switch self {
        case .string(let text):
            JSONString.append(text, to: &output)
        case .bool(let flag):
            output.append(contentsOf: Array((flag ? "true" : "false").utf8))
        case .integer(let number):
            output.append(contentsOf: Array(String(number).utf8))
        case .array(let elements):
            output.append(UInt8(ascii: "["))
            for (index, element) in elements.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                element.write(into: &output)
            }
            output.append(UInt8(ascii: "]"))
        case .object(let members):
            output.append(UInt8(ascii: "{"))
            let keys = members.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            for (index, key) in keys.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                JSONString.append(key, to: &output)
                output.append(UInt8(ascii: ":"))
                members[key]?.write(into: &output)
            }
            output.append(UInt8(ascii: "}"))
        }
    }
}
