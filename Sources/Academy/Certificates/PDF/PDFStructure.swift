import Foundation

/// Just enough reading of a PDF to sign it by incremental update: the last cross-reference table and trailer, and
/// objects by number. Made for cairo's output (a classic `xref` table, plain dictionaries); anything else is refused
/// with a `PDFError`, never guessed at.
struct PDFStructure {
    let bytes: [UInt8]
    /// Byte offset of each object, by number.
    private(set) var offsets: [Int: Int] = [:]
    let xrefOffset: Int
    let size: Int
    let root: Int
    let info: Int?

    init(_ bytes: [UInt8]) throws {
        self.bytes = bytes
        guard let marker = Self.lastIndex(of: "startxref", in: bytes) else {
            throw PDFError.structure("no startxref")
        }
        let tail = String(decoding: bytes[(marker + 9)...].prefix(40), as: UTF8.self)
        guard let offset = tail.split(whereSeparator: \.isWhitespace).first.flatMap({ Int($0) }),
            offset >= 0, offset < bytes.count
        else { throw PDFError.structure("bad startxref") }
        xrefOffset = offset
        var cursor = offset
        func line() -> String {
            var end = cursor
            while end < bytes.count, bytes[end] != 0x0A, bytes[end] != 0x0D { end += 1 }
            let text = String(decoding: bytes[cursor..<end], as: UTF8.self)
            cursor = end
            while cursor < bytes.count, bytes[cursor] == 0x0A || bytes[cursor] == 0x0D { cursor += 1 }
            return text
        }
        guard line().trimmingCharacters(in: .whitespaces) == "xref" else {
            throw PDFError.structure("the cross-reference section is not a classic xref table")
        }
        while true {
            let header = line().split(separator: " ")
            if header.first == "trailer" { break }
            guard header.count == 2, let first = Int(header[0]), let count = Int(header[1]), count >= 0,
                count < 1_000_000
            else { throw PDFError.structure("bad xref subsection") }
            for number in first..<(first + count) {
                let entry = line().split(separator: " ")
                guard entry.count >= 3, let position = Int(entry[0]) else {
                    throw PDFError.structure("bad xref entry")
                }
                if entry[2] == "n" { offsets[number] = position }
            }
        }
        let trailer = String(decoding: bytes[cursor..<min(bytes.count, cursor + 400)], as: UTF8.self)
        guard let size = Self.integer(after: "/Size", in: trailer),
            let root = Self.reference(after: "/Root", in: trailer)
        else { throw PDFError.structure("the trailer names no /Size or /Root") }
        self.size = size
        self.root = root
        self.info = Self.reference(after: "/Info", in: trailer)
    }

    /// The dictionary of object `number`, from `<<` to its matching `>>`, as text.
    func dictionary(_ number: Int) throws -> String {
        guard let start = offsets[number] else { throw PDFError.structure("object \(number) is not in the xref") }
        guard let open = Self.index(of: "<<", in: bytes, from: start, limit: start + 64) else {
            throw PDFError.structure("object \(number) is not a dictionary")
        }
        var depth = 0
        var index = open
        while index + 1 < bytes.count {
            if bytes[index] == UInt8(ascii: "<"), bytes[index + 1] == UInt8(ascii: "<") {
                depth += 1
                index += 2
            } else if bytes[index] == UInt8(ascii: ">"), bytes[index + 1] == UInt8(ascii: ">") {
                depth -= 1
                index += 2
                if depth == 0 { return String(decoding: bytes[open..<index], as: UTF8.self) }
            } else {
                index += 1
            }
        }
        throw PDFError.structure("object \(number) never closes its dictionary")
    }

    /// The raw (still encoded) data of stream object `number`.
    func streamData(_ number: Int) throws -> [UInt8] {
        let dictionary = try dictionary(number)
        guard let start = offsets[number],
            let keyword = Self.index(of: "stream", in: bytes, from: start + dictionary.utf8.count, limit: bytes.count)
        else { throw PDFError.structure("object \(number) is not a stream") }
        var dataStart = keyword + 6
        if dataStart < bytes.count, bytes[dataStart] == 0x0D { dataStart += 1 }
        if dataStart < bytes.count, bytes[dataStart] == 0x0A { dataStart += 1 }
        var length: Int?
        if let reference = Self.reference(after: "/Length", in: dictionary) {
            guard let offset = offsets[reference] else { throw PDFError.structure("stream length is missing") }
            let text = String(decoding: bytes[offset..<min(bytes.count, offset + 60)], as: UTF8.self)
            length = text.components(separatedBy: "obj").dropFirst().first.flatMap {
                Int($0.trimmingCharacters(in: .whitespacesAndNewlines).prefix { $0.isNumber })
            }
        } else {
            length = Self.integer(after: "/Length", in: dictionary)
        }
        guard let length, length >= 0, dataStart + length <= bytes.count else {
            throw PDFError.structure("stream \(number) has no usable /Length")
        }
        return Array(bytes[dataStart..<(dataStart + length)])
    }

    static func reference(after key: String, in text: String) -> Int? {
        guard let range = text.range(of: key + " ") ?? text.range(of: key + "\n") else { return nil }
        let parts = text[range.upperBound...].split(whereSeparator: \.isWhitespace).prefix(3)
        guard parts.count == 3, parts[parts.startIndex + 2].hasPrefix("R") else { return nil }
        return Int(parts[parts.startIndex])
    }

    static func integer(after key: String, in text: String) -> Int? {
        guard let range = text.range(of: key + " ") else { return nil }
        return Int(text[range.upperBound...].prefix { $0.isNumber })
    }

    /// Object numbers listed in an array value (`/Kids [ 2 0 R 12 0 R ]`).
    static func references(after key: String, in text: String) -> [Int] {
        guard let range = text.range(of: key), let open = text[range.upperBound...].firstIndex(of: "["),
            let close = text[open...].firstIndex(of: "]")
        else { return [] }
        let parts = text[text.index(after: open)..<close].split(whereSeparator: \.isWhitespace)
        return stride(from: 0, to: parts.count - 2, by: 3).compactMap { parts[$0 + 2] == "R" ? Int(parts[$0]) : nil }
    }

    static func index(of needle: String, in bytes: [UInt8], from start: Int, limit: Int) -> Int? {
        let pattern = Array(needle.utf8)
        let end = min(limit, bytes.count) - pattern.count
        guard start <= end else { return nil }
        var index = start
        while index <= end {
            if bytes[index] == pattern[0], bytes[index..<(index + pattern.count)].elementsEqual(pattern) {
                return index
            }
            index += 1
        }
        return nil
    }

    static func lastIndex(of needle: String, in bytes: [UInt8]) -> Int? {
        let pattern = Array(needle.utf8)
        var index = bytes.count - pattern.count
        while index >= 0 {
            if bytes[index] == pattern[0], bytes[index..<(index + pattern.count)].elementsEqual(pattern) {
                return index
            }
            index -= 1
        }
        return nil
    }
}

/// PDF string syntax.
enum PDFText {
    /// A text string any reader shows right: UTF-16BE with its byte-order mark, as hex.
    static func text(_ value: String) -> String {
        var hex = "<FEFF"
        for unit in value.precomposedStringWithCanonicalMapping.utf16 { hex += String(format: "%04X", unit) }
        return hex + ">"
    }

    /// A date as PDF writes them: D:20261129080510+07'00'.
    static func date(_ date: Date) -> String {
        let p = CertificateLayout.calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(
            format: "D:%04d%02d%02d%02d%02d%02d+07'00'", p.year ?? 2000, p.month ?? 1, p.day ?? 1, p.hour ?? 0,
            p.minute ?? 0, p.second ?? 0)
    }
}
