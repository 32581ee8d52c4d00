import Foundation
import Hummingbird

/// Completion reports for trainers, HR and admins: the page with filters, sorting and drill-down, its CSV export
/// and its A4 print view for the inspection team.
struct ReportController {
    let reports: CompletionReport
    let catalog: CourseCatalog
    let pages: PageRenderer
    let config: AppConfig

    var endpoints: RouteCollection<AppRequestContext> {
        let routes = RouteCollection(context: AppRequestContext.self)
        routes.get(RouterPath(SitePath.reports), use: page)
        routes.get(RouterPath(SitePath.reportsCSV), use: csv)
        routes.get(RouterPath(SitePath.reportsPrint), use: printView)
        return routes
    }

    func load(_ request: Request, _ context: AppRequestContext) async throws -> (ReportTable, ReportView) {
        let table = try await loadTable(request, context)
        return (table, ReportView(table: table, pages: pages, language: context.language))
    }

    func loadTable(_ request: Request, _ context: AppRequestContext) async throws -> ReportTable {
        try context.require(.trainer, .hr)
        return try await ReportTable.load(try ReportQuery(request), snapshot: catalog.snapshot, reports: reports)
    }

    /// `/reports`: districts, a district's communes, or a commune's people, with filters and sortable columns.
    @Sendable func page(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (table, view) = try await load(request, context)
        let paging = try ReportPaging(query: try ReportQuery(request), total: table.people.count)
        var data = try await ReportForm(reports: reports, pages: pages).data(table, catalog.snapshot, context)
        // A whole province of people is shown 200 at a time; totals stay those of every row.
        var shown = table
        shown.people = Array(table.people[paging.range])
        let rows = ReportView(table: shown, pages: pages, language: context.language).rows(drillPath: SitePath.reports)
        let keep =
            table.filter.queryItems + view.levelItem + [("sort", table.sort.key)]
            + (table.sort.descending ? [("dir", "desc")] : [])
        data["columns"] = view.headings(sortPath: SitePath.reports)
        data["rows"] = rows
        data["totals"] = view.totals
        data["empty"] = table.totals.enrolled == 0
        data["heading"] = heading(table, context)
        data["crumbs"] = crumbs(table, context)
        data["levels"] = ReportLevel.allCases.map { level in
            [
                "label": pages.text("report_level_\(level.rawValue)", context), "current": level == table.level,
                "url": ReportLink.url(SitePath.reports, table.filter.queryItems + [("level", level.rawValue)]),
            ]
        }
        data["csvURL"] = ReportLink.url(SitePath.reportsCSV, keep)
        data["printURL"] = ReportLink.url(SitePath.reportsPrint, keep)
        data["pager"] = paging.links(SitePath.reports, keep, pages: pages, context: context)
        data["formAction"] = SitePath.reports
        data["hasQuizzes"] = table.course.modules.contains { $0.quiz != nil }
        data["quizzes"] = table.course.modules.filter { $0.quiz != nil }.map { module in
            [
                "title": module.title.text(context.language),
                "url": ReportLink.url(
                    SitePath.quizReport,
                    [("course", table.course.slug), ("quiz", module.slug)]
                        + table.filter.queryItems.filter { $0.0 != "course" }),
            ]
        }
        return pages.page(
            "reports", title: pages.text("reports_title", context), data: data, request: request, context: context)
    }

    /// `/reports.csv`: the same rows as the page (every person, not one page of them), for a spreadsheet.
    @Sendable func csv(_ request: Request, context: AppRequestContext) async throws -> Response {
        let table = try await loadTable(request, context)
        // Up to 10,000 rows of text: written on NIO's thread pool, not on the event loop serving other connections.
        let (pages, language) = (self.pages, context.language)
        let (text, name) = try await NIOThreadPoolRunner.run {
            let view = ReportView(table: table, pages: pages, language: language)
            return (view.csv, view.csvName)
        }
        return ReportCSV.response(text, name: name)
    }

    /// `/reports/print`: the table on A4, headed with the issuer, the course, the scope and the date.
    @Sendable func printView(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (table, view) = try await load(request, context)
        let period = table.filter.period
        let data: [String: Any] = [
            "issuer": config.issuerName, "course": table.course.title.text(context.language),
            "heading": heading(table, context),
            "period": TemplateValue.maybe(
                period.start == nil && period.end == nil
                    ? ""
                    : pages.text(
                        "report_print_period", context,
                        period.start.map { DateText.day($0, context.language) } ?? "…",
                        period.end.map { DateText.day($0.addingTimeInterval(-1), context.language) } ?? "…")),
            "prepared": pages.text("report_print_date", context, DateText.day(Date(), context.language)),
            "columns": view.headings(sortPath: nil), "rows": view.rows(drillPath: nil), "totals": view.totals,
            "empty": table.totals.enrolled == 0, "peopleTable": table.level == .person,
            "backURL": ReportLink.url(SitePath.reports, table.filter.queryItems + view.levelItem),
        ]
        return pages.page(
            "reports_print",
            title: "\(pages.text("report_print_heading", context)) — \(table.course.title.text(context.language))",
            data: data, request: request, context: context)
    }

    /// "Districts", "Communes of X", or "People of commune Y, X".
    func heading(_ table: ReportTable, _ context: AppRequestContext) -> String {
        let district = table.filter.district
        let commune = table.filter.commune
        switch table.level {
        case .district: return pages.text("report_heading_districts", context)
        case .commune:
            return district.isEmpty
                ? pages.text("report_heading_communes_all", context)
                : pages.text("report_heading_communes", context, district)
        case .person:
            if !commune.isEmpty {
                return pages.text(
                    "report_heading_people", context,
                    [commune, district].filter { !$0.isEmpty }.joined(separator: ", "))
            }
            if !district.isEmpty { return pages.text("report_heading_people", context, district) }
            return pages.text("report_heading_people_all", context)
        }
    }

    /// Province › district › commune, each a link to its level.
    func crumbs(_ table: ReportTable, _ context: AppRequestContext) -> [[String: Any]] {
        var items: [[String: Any]] = []
        var filter = table.filter
        filter.district = ""
        filter.commune = ""
        items.append([
            "label": pages.text("report_province", context), "url": ReportLink.url(SitePath.reports, filter.queryItems),
        ])
        if !table.filter.district.isEmpty {
            filter.district = table.filter.district
            items.append(["label": table.filter.district, "url": ReportLink.url(SitePath.reports, filter.queryItems)])
        }
        if !table.filter.commune.isEmpty {
            filter.commune = table.filter.commune
            items.append(["label": table.filter.commune, "url": ReportLink.url(SitePath.reports, filter.queryItems)])
        }
        return items
    }
}
