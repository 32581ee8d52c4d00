/// The heading of a CSV column that says how its values are written (issue 16).
///
/// CSV files keep values for programs, whatever the reader's language: days `2026-11-28`, instants in ISO 8601,
/// decimals with a point, no thousands separator. A spreadsheet in vi-VN reads `45.5` as text and `45,5` would
/// split the row, so the values cannot follow the page; instead each such column says how it is written, in its
/// heading ("Tỉ lệ hoàn thành (%, dấu chấm thập phân)"). The heading, not a first comment line: Excel and
/// LibreOffice would show a comment as a row above the headings, breaking filters, sorting, pivot tables and a
/// program's `read_csv`, while a heading is read as one by all of them. (Excel's `sep=,` line is no help either: with
/// it Excel ignores the byte-order mark and garbles Vietnamese letters.)
///
/// A key with a `csv.` twin in the string files (`csv.report_rate`) gets the twin's text in a CSV; others their own.
enum CSVHeading {
    static func text(_ key: String, strings: Strings, language: Language) -> String {
        strings.text(strings.has("csv." + key) ? "csv." + key : key, language)
    }
}
