import Foundation

/// The column a report table is sorted by (`?sort=`), and in which direction (`?dir=asc|desc`).
///
/// Sorting happens in Swift on rows already fetched: a report has at most a few thousand rows, and links in the
/// column headings choose the order, so no JavaScript is needed.
struct ReportSort: Sendable, Equatable {
    var key: String
    var descending: Bool

    /// Reads `sort` and `dir`; a column the table does not have, or another direction, is a 400.
    init(query: ReportQuery, allowed: [String], default key: String = "name") throws(AppError) {
        let typed = query.sort ?? ""
        guard typed.isEmpty || allowed.contains(typed) else { throw AppError(.badRequest, "bad_filter", "sort", typed) }
        let direction = query.dir ?? ""
        guard ["", "asc", "desc"].contains(direction) else {
            throw AppError(.badRequest, "bad_filter", "dir", direction)
        }
        self.key = typed.isEmpty ? key : typed
        self.descending = direction == "desc"
    }

    /// Sorts by the chosen column (numbers and texts compare the way people expect), then by `name`: a key
    /// already folded (`Text.searchKey`, or the stored `search_name`), so thousands of rows sort quickly.
    func apply<Row>(_ rows: [Row], columns: [String: (Row) -> SortValue], name: (Row) -> String) -> [Row] {
        let column = columns[key]
        let names = rows.map(name)
        let values = column.map { rows.map($0) } ?? names.map(SortValue.text)
        // Sorting positions, not the rows themselves: 10,000 rows of strings moved around cost more than the
        // comparisons (measured with perf on the per-quiz report).
        let order = rows.indices.sorted { a, b in
            if values[a] != values[b] { return descending ? values[b] < values[a] : values[a] < values[b] }
            return names[a] < names[b]
        }
        return order.map { rows[$0] }
    }

    /// A link to the same table sorted by `column`: the other direction when it is already sorted by it.
    func link(_ path: String, _ items: [(String, String)], column: String) -> String {
        let direction = column == key && !descending ? "desc" : "asc"
        return ReportLink.url(path, items + [("sort", column), ("dir", direction)])
    }

    /// `aria-sort` for a column heading.
    func ariaSort(_ column: String) -> String {
        column == key ? (descending ? "descending" : "ascending") : "none"
    }
}

/// A value to sort by: texts without diacritics, so "Đ" sorts beside "D" as Vietnamese readers expect.
enum SortValue: Comparable {
    case number(Double)
    case text(String)

    /// A text as it sorts: lower case, without diacritics.
    static func words(_ text: String) -> SortValue { .text(Text.searchKey(text)) }

    static func < (lhs: SortValue, rhs: SortValue) -> Bool {
        switch (lhs, rhs) {
        case (.number(let a), .number(let b)): a < b
        case (.text(let a), .text(let b)): a < b
        case (.number, .text): true
        case (.text, .number): false
        }
    }
}
