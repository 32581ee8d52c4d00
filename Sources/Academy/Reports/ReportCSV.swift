import Foundation
import Hummingbird

/// Reports as CSV files that spreadsheet programs open correctly: UTF-8 with a byte-order mark (so Excel shows
/// Vietnamese letters), CRLF line ends, and fields quoted when they hold a comma, quote, semicolon or line break.
enum ReportCSV {
    static func text(header: [String], rows: [[String]]) -> String {
        var csv = "\u{FEFF}"
        csv.reserveCapacity(64 * (rows.count + 1))
        for fields in [header] + rows {
            csv += fields.map { CSVField.quote(defused($0)) }.joined(separator: ",") + "\r\n"
        }
        return csv
    }

    /// A field a spreadsheet would run as a formula (`=`, `+`, `-`, `@` first) gets a leading apostrophe, so a
    /// name typed as `=HYPERLINK(…)` in an import stays text when HR opens the export.
    static func defused(_ field: String) -> String {
        guard let first = field.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) else { return field }
        return "'" + field
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
