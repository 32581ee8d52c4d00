/// A report's table (`report_table.mustache`): on the completion and quiz report pages, and on paper.
///
/// Every cell and heading holds the same stored properties, set even when empty, so the template never falls back
/// to a value of an enclosing row or page (Mustache looks a missing name up the enclosing scopes).
struct ReportTablePart: Sendable, Encodable {
    /// A column heading; a sortable one links to the table sorted by it.
    struct Heading: Sendable, Encodable {
        let label: String
        let numeric: Bool
        let link: Bool
        let url: String
        /// `aria-sort`: ascending, descending or none.
        let aria: String
        /// ▲ or ▼ beside the column the table is sorted by.
        let arrow: String?
    }

    struct Cell: Sendable, Encodable {
        let text: String
        let url: String
        let link: Bool
        let numeric: Bool
        /// Columns the cell spans (the totals line of a people table).
        let span: Int?

        init(_ text: String, url: String? = nil, numeric: Bool = false, span: Int? = nil) {
            self.text = text
            self.url = url ?? ""
            self.link = url != nil
            self.numeric = numeric
            self.span = span
        }
    }

    struct Row: Sendable, Encodable {
        let cells: [Cell]
    }

    let caption: String
    /// One person per row: the table gets the `people` class (narrower columns on paper).
    let peopleTable: Bool
    let columns: [Heading]
    let rows: [Row]
    let totals: [Cell]
}
