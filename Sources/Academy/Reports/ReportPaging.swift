/// Long lists (a whole district's people, a quiz's learners, the audit log) shown a page at a time (`?page=`).
struct ReportPaging: Sendable, Equatable {
    static let perPage = 200
    var page: Int
    var total: Int

    /// Reads `page` (from 1); anything else than a positive number is a 400.
    init(query: FormData, total: Int) throws(AppError) {
        let typed = query["page"] ?? ""
        guard typed.isEmpty || (Int(typed) ?? 0) >= 1 else { throw AppError(.badRequest, "bad_filter", "page", typed) }
        self.page = Int(typed) ?? 1
        self.total = total
    }

    var pageCount: Int { max(1, (total + Self.perPage - 1) / Self.perPage) }

    /// The rows of this page; empty past the last one.
    var range: Range<Int> {
        let start = min(total, (page - 1) * Self.perPage)
        return start..<min(total, start + Self.perPage)
    }

    /// Previous and next links, and "page 2 of 5", when there is more than one page.
    func links(_ path: String, _ items: [(String, String)], pages: PageRenderer, context: AppRequestContext)
        -> [String: Any]?
    {
        guard pageCount > 1 else { return nil }
        return [
            "label": pages.text("report_page_of", context, String(page), String(pageCount)),
            "previous": TemplateValue.maybe(page > 1 ? ReportLink.url(path, items + [("page", String(page - 1))]) : ""),
            "next": TemplateValue.maybe(
                page < pageCount ? ReportLink.url(path, items + [("page", String(page + 1))]) : ""),
        ]
    }
}
