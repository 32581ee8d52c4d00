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

    /// A field a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab or CR first) gets a leading
    /// apostrophe, so a name typed as `=HYPERLINK(…)` in an import stays text when HR opens the file.
    static func defused(_ field: String) -> String {
        guard let first = field.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) else { return field }
        return "'" + field
    }

    /// Quotes a field with commas, quotes, semicolons or line breaks, doubling its quotes.
    static func quote(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == ";" }) else {
            return field
        }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
