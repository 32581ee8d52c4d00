import Foundation
import Hummingbird

/// Reports as CSV downloads (the text itself is written by `CSVWriter`).
enum ReportCSV {
    /// The rows written as a CSV file off the event loops (thousands of rows of text), as a download named `name`.
    static func download(header: [String], rows: [[String]], name: String) async throws -> Response {
        response(try await Blocking.run { CSVWriter.text(header: header, rows: rows) }, name: name)
    }

    /// The file as a download named `name` (ASCII only, so every browser keeps it).
    static func response(_ csv: String, name: String) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/csv; charset=utf-8"
        headers[.contentDisposition] = "attachment; filename=\"\(name)\""
        headers[.cacheControl] = "no-store"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: csv)))
    }

    /// A percentage for a spreadsheet: a plain number with a dot, so every locale reads it as a number.
    static func percent(_ value: Double?) -> String {
        guard let value else { return "" }
        return String(format: "%.1f", value)
    }

    /// A file name part made of ASCII letters, digits and hyphens.
    static func safeName(_ text: String) -> String {
        let folded = Text.searchKey(text)
        let mapped = folded.unicodeScalars.map { scalar -> Character in
            CharacterSet.alphanumerics.contains(scalar) && scalar.isASCII ? Character(scalar) : "-"
        }
        return String(mapped).split(separator: "-").joined(separator: "-")
    }
}
