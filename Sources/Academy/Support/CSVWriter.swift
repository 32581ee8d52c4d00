/// The one way we write CSV files (reports, the certificate register's `index.csv`): UTF-8 with a byte-order mark
/// (so Excel shows Vietnamese letters), CRLF line ends, fields quoted when they hold a comma, quote, semicolon or
/// line break, and formulas defused.
enum CSVWriter {
    /// A whole file: the header line, then one line per row.
    static func text(header: [String], rows: [[String]]) -> String {
        var csv = "\u{FEFF}"
        csv.reserveCapacity(64 * (rows.count + 1))
        for fields in [header] + rows {
            csv += fields.map(field).joined(separator: ",") + "\r\n"
        }
        return csv
    }

    /// One field, defused and quoted as needed.
    static func field(_ text: String) -> String {
        quote(defused(text))
    }

    /// What makes Excel, LibreOffice and Google Sheets start a formula (OWASP's list: `=`, `+`, `-`, `@`, and a
    /// tab or carriage return that can hide one behind it), and the full-width forms an East Asian input method
    /// types, which spreadsheets read as the same signs.
    static let formulaStarts: Set<Unicode.Scalar> = [
        "=", "+", "-", "@", "\t", "\r", "\u{FF1D}", "\u{FF0B}", "\u{FF0D}", "\u{FF20}",
    ]

    /// A field a spreadsheet would run as a formula gets a leading apostrophe, so a name typed as `=HYPERLINK(…)`
    /// in an import stays text when HR opens the file.
    static func defused(_ field: String) -> String {
        guard let first = field.unicodeScalars.first, formulaStarts.contains(first) else { return field }
        return "'" + field
    }

    /// Quotes a field with commas, quotes, semicolons or line breaks, doubling its quotes.
    static func quote(_ field: String) -> String {
        // By bytes, not Characters: "\r\n" is one Character in Swift, equal to neither "\r" nor "\n".
        let special: Set<UInt8> = [UInt8(ascii: ","), UInt8(ascii: "\""), 0x0A, 0x0D, UInt8(ascii: ";")]
        guard field.utf8.contains(where: special.contains) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
