import Foundation
import MultipartKit

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

    /// Nil when the content type names no boundary or the body does not follow it. Parsed by multipart-kit's
    /// streaming parser, which is linear in the body's size whatever the boundary (issue 13).
    public init?(contentType: String, body: [UInt8]) {
        guard let range = contentType.range(of: "boundary=") else { return nil }
        var boundary = String(contentType[range.upperBound...].prefix { $0 != ";" })
        boundary = boundary.trimmingCharacters(in: CharacterSet(charactersIn: "\" "))
        // RFC 2046: 1 to 70 characters.
        guard !boundary.isEmpty, boundary.utf8.count <= 70 else { return nil }
        var parts: [Part] = []
        var current = Part(name: "", filename: nil, contentType: nil, body: [])
        var complete = true
        let parser = MultipartParser(boundary: boundary)
        parser.onHeader = { name, value in
            switch name.lowercased() {
            case "content-disposition":
                current.name = Self.parameter("name", in: value) ?? ""
                current.filename = Self.parameter("filename", in: value)
            case "content-type": current.contentType = value.trimmingCharacters(in: .whitespaces)
            default: break
            }
        }
        parser.onBody = { chunk in current.body += chunk.readableBytesView }
        parser.onPartComplete = {
            if current.name.isEmpty { complete = false }
            parts.append(current)
            current = Part(name: "", filename: nil, contentType: nil, body: [])
        }
        do { try parser.execute(body) } catch { return nil }
        guard complete, !parts.isEmpty else { return nil }
        self.parts = parts
    }

    public func field(_ name: String) -> String? {
        parts.first { $0.name == name && $0.filename == nil }.flatMap { String(validating: $0.body, as: UTF8.self) }
    }

    public func file(_ name: String) -> Part? { parts.first { $0.name == name && $0.filename != nil } }

    static func parameter(_ name: String, in header: String) -> String? {
        for piece in header.split(separator: ";") {
            let trimmed = piece.trimmingCharacters(in: .whitespaces)
            guard trimmed.lowercased().hasPrefix(name + "=") else { continue }
            return String(trimmed.dropFirst(name.count + 1)).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
        }
        return nil
    }
}
