/// Long lists (a whole district's people, a quiz's learners, the audit log) shown a page at a time (`?page=`).
struct ReportPaging: Sendable, Equatable {
    static let perPage = 200
    var page: Int
    var total: Int

    /// The highest page number a request may ask for: far past any real list, and small enough that no
    /// arithmetic on it can overflow (`(page - 1) * perPage` is at most 2 × 10^8).
    static let maxPage = 1_000_000

    /// Reads `page` (from 1); anything else than a positive number is a 400.
    init(query: ReportQuery, total: Int) throws(AppError) {
        self.page = try Self.pageNumber(query)
        self.total = total
    }

    /// The `page` of a query, 1 when absent; a 400 for anything but a whole number from 1 to `maxPage`.
    static func pageNumber(_ query: ReportQuery) throws(AppError) -> Int {
        let typed = query.page ?? ""
        if typed.isEmpty { return 1 }
        guard let page = Int(typed), (1...maxPage).contains(page) else {
            throw AppError(.badRequest, "bad_filter", "page", typed)
        }
        return page
    }

    var pageCount: Int { max(1, (total + Self.perPage - 1) / Self.perPage) }

    /// The rows of this page; empty past the last one.
    var range: Range<Int> {
        let start = min(total, (page - 1) * Self.perPage)
        return start..<min(total, start + Self.perPage)
    }

    /// Previous and next links with "page 2 of 5" between them (`{{#pager}}` on the report pages).
    struct Links: Sendable, Encodable {
        let label: String
        let previous: String?
        let next: String?
    }

    /// The links for a list at `path` filtered by `items`, when there is more than one page.
    func links(_ path: String, _ items: [(String, String)], strings: Strings, language: Language) -> Links? {
        guard pageCount > 1 else { return nil }
        return Links(
            label: strings.text("report_page_of", language, [String(page), String(pageCount)]),
            previous: page > 1 ? ReportLink.url(path, items + [("page", String(page - 1))]) : nil,
            next: page < pageCount ? ReportLink.url(path, items + [("page", String(page + 1))]) : nil)
    }
}
