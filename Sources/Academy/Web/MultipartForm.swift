import Foundation

/// A `multipart/form-data` body (file uploads), split into named parts. Small and strict: enough for our forms.
public struct MultipartForm: Sendable {
    /// One field or file of the form.
    public struct Part: Sendable {
        public var name: String
        public var filename: String?
        public var contentType: String?
        public var body: [UInt8]
    }

    public var parts: [Part] = []

    /// Nil when the content type names no boundary or the body does not follow it.
    public init?(contentType: String, body: [UInt8]) {
        guard let range = contentType.range(of: "boundary=") else { return nil }
        var boundary = String(contentType[range.upperBound...].prefix { $0 != ";" })
        boundary = boundary.trimmingCharacters(in: CharacterSet(charactersIn: "\" "))
        guard !boundary.isEmpty, boundary.count <= 200 else { return nil }
        let delimiter = Array(("--" + boundary).utf8)
        var chunks = Self.split(body, on: delimiter)
        guard chunks.count >= 2 else { return nil }
        chunks.removeFirst()  // preamble
        for chunk in chunks {
            if chunk.starts(with: Array("--".utf8)) { break }  // closing delimiter
            guard let part = Self.part(chunk) else { return nil }
            parts.append(part)
        }
    }

    public func field(_ name: String) -> String? {
        parts.first { $0.name == name && $0.filename == nil }.flatMap { String(validating: $0.body, as: UTF8.self) }
    }

    public func file(_ name: String) -> Part? { parts.first { $0.name == name && $0.filename != nil } }

    static func split(_ bytes: [UInt8], on delimiter: [UInt8]) -> [ArraySlice<UInt8>] {
        var chunks: [ArraySlice<UInt8>] = []
        var start = bytes.startIndex
        var index = bytes.startIndex
        while index + delimiter.count <= bytes.endIndex {
            if bytes[index] == delimiter[0] && bytes[index..<index + delimiter.count].elementsEqual(delimiter) {
                chunks.append(bytes[start..<index])
                index += delimiter.count
                start = index
            } else {
                index += 1
            }
        }
        chunks.append(bytes[start..<bytes.endIndex])
        return chunks
    }

    /// Headers, a blank line, the body, and the CRLF that precedes the next delimiter.
    static func part(_ chunk: ArraySlice<UInt8>) -> Part? {
        var chunk = chunk
        if chunk.starts(with: [13, 10]) { chunk = chunk.dropFirst(2) }
        let separator: [UInt8] = [13, 10, 13, 10]
        guard let split = split(Array(chunk), on: separator).first, split.count < chunk.count else { return nil }
        let headerText = String(decoding: split, as: UTF8.self)
        var body = Array(chunk.dropFirst(split.count + 4))
        if body.suffix(2) == [13, 10] { body.removeLast(2) }
        var part = Part(name: "", filename: nil, contentType: nil, body: body)
        for line in headerText.split(separator: "\r\n") {
            let lower = line.lowercased()
            if lower.hasPrefix("content-disposition:") {
                part.name = parameter("name", in: String(line)) ?? ""
                part.filename = parameter("filename", in: String(line))
            } else if lower.hasPrefix("content-type:") {
                part.contentType = line.dropFirst("content-type:".count).trimmingCharacters(in: .whitespaces)
            }
        }
        return part.name.isEmpty ? nil : part
    }

    static func parameter(_ name: String, in header: String) -> String? {
        for piece in header.split(separator: ";") {
            let trimmed = piece.trimmingCharacters(in: .whitespaces)
            guard trimmed.lowercased().hasPrefix(name + "=") else { continue }
            return String(trimmed.dropFirst(name.count + 1)).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
        }
        return nil
    }
}
