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
        routes.add(middleware: RequireRole(.trainer, .hr))
        routes.get(RouterPath(SitePath.reports), use: page)
        routes.get(RouterPath(SitePath.reportsCSV), use: csv)
        routes.get(RouterPath(SitePath.reportsPrint), use: printView)
        return routes
    }

    func loadTable(_ request: Request, _ context: AppRequestContext) async throws -> ReportTable {
        return try await ReportTable.load(try ReportQuery(request), snapshot: catalog.snapshot, reports: reports)
    }

    /// `/reports`: groups, a group's communes, or a commune's people, with filters and sortable columns.
    @Sendable func page(_ request: Request, context: AppRequestContext) async throws -> Response {
        let table = try await loadTable(request, context)
        let paging = try ReportPaging(query: try ReportQuery(request), total: table.people.count)
        let page = Self.page(
            table, onFile: try await reports.communesOnFile(), courses: catalog.snapshot.courses, paging: paging,
            strings: pages.strings, language: context.language)
        return pages.render(page, request: request, context: context)
    }

    /// The page of a report already run; `onFile` are the communes people live in, which the filter form offers
    /// beside the place list's units.
    static func page(
        _ table: ReportTable, onFile: [String], courses: [Course], paging: ReportPaging,
        strings: Strings, language: Language
    ) -> ReportsPage {
        let view = ReportView(table: table, strings: strings, language: language)
        let keep =
            table.filter.queryItems + view.levelItem + [("sort", table.sort.key)]
            + (table.sort.descending ? [("dir", "desc")] : [])
        return ReportsPage(
            title: strings.text("reports_title", language), courseTitle: table.course.title.text(language),
            filters: ReportForm(
                table.filter, grouping: table.grouping, onFile: onFile, courses: courses, action: SitePath.reports,
                language: language),
            crumbs: view.crumbs(SitePath.reports),
            levels: ReportLevel.offered(grouped: !table.grouping.isEmpty).map { level in
                ReportsPage.Level(
                    label: strings.text("report_level_\(level.rawValue)", language),
                    url: ReportLink.url(SitePath.reports, table.filter.queryItems + [("level", level.rawValue)]),
                    current: level == table.level)
            },
            csvURL: ReportLink.url(SitePath.reportsCSV, keep), printURL: ReportLink.url(SitePath.reportsPrint, keep),
            // A whole province of people is shown 200 at a time; totals stay those of every row.
            table: view.part(
                sortPath: SitePath.reports, drillPath: SitePath.reports, people: Array(table.people[paging.range])),
            pager: paging.links(SitePath.reports, keep, strings: strings, language: language),
            quizzes: table.course.modules.filter { $0.quiz != nil }.map { module in
                ReportLinkItem(
                    label: module.title.text(language),
                    url: ReportLink.url(
                        SitePath.quizReport,
                        [("course", table.course.slug), ("quiz", module.slug)]
                            + table.filter.queryItems.filter { $0.0 != "course" }))
            })
    }

    /// `/reports.csv`: the same rows as the page (every person, not one page of them), for a spreadsheet.
    @Sendable func csv(_ request: Request, context: AppRequestContext) async throws -> Response {
        let table = try await loadTable(request, context)
        // Up to 10,000 rows of text: written on NIO's thread pool, not on the event loop serving other connections.
        let (strings, language) = (pages.strings, context.language)
        let (text, name) = try await Blocking.run {
            let view = ReportView(table: table, strings: strings, language: language)
            return (view.csv, view.csvName)
        }
        return ReportCSV.response(text, name: name)
    }

    /// `/reports/print`: the table on A4, headed with the issuer, the course, the scope and the date.
    @Sendable func printView(_ request: Request, context: AppRequestContext) async throws -> Response {
        let table = try await loadTable(request, context)
        let page = Self.printPage(
            table, issuer: config.issuerName, prepared: Date(), strings: pages.strings, language: context.language)
        return pages.render(page, request: request, context: context)
    }

    /// The print view of a report already run, prepared on the day of `prepared`.
    static func printPage(
        _ table: ReportTable, issuer: String, prepared: Date, strings: Strings, language: Language
    ) -> ReportPrintPage {
        let view = ReportView(table: table, strings: strings, language: language)
        let period = table.filter.period
        let course = table.course.title.text(language)
        return ReportPrintPage(
            title: "\(strings.text("report_print_heading", language)) — \(course)", issuer: issuer, course: course,
            heading: view.heading,
            period: period.start == nil && period.end == nil
                ? nil
                : strings.text(
                    "report_print_period", language,
                    [
                        period.start.map { DateText.day($0, language) } ?? "…",
                        period.end.map { DateText.day($0.addingTimeInterval(-1), language) } ?? "…",
                    ]),
            prepared: strings.text("report_print_date", language, [DateText.day(prepared, language)]),
            backURL: ReportLink.url(SitePath.reports, table.filter.queryItems + view.levelItem),
            table: view.part(sortPath: nil, drillPath: nil))
    }
}
