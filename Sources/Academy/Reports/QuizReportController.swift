import Foundation
import Hummingbird

/// The per-quiz report: each enrolled learner's best score and attempts used, as a page and as CSV.
struct QuizReportController {
    let quizzes: QuizReport
    let reports: CompletionReport
    let catalog: CourseCatalog
    let pages: PageRenderer

    var endpoints: RouteCollection<AppRequestContext> {
        let routes = RouteCollection(context: AppRequestContext.self)
        routes.add(middleware: RequireRole(.trainer, .hr))
        routes.get(RouterPath(SitePath.quizReport), use: page)
        routes.get(RouterPath(SitePath.quizReportCSV), use: csv)
        return routes
    }

    static let columns = ["name", "username", "commune", "group", "best", "attempts", "passed", "last"]

    /// The report's rows for the query: course (first by default), quiz (its first by default), filters, sort.
    func load(_ request: Request, _ context: AppRequestContext) async throws
        -> (table: ReportTable, quiz: CourseModule, lines: [QuizReport.Line])
    {
        let query = try ReportQuery(request)
        let snapshot = catalog.snapshot
        let filter = try ReportFilter(query: query, defaultCourse: snapshot.courses.first?.slug ?? "")
        guard let course = snapshot.course(filter.course) else {
            throw AppError(.badRequest, "course_not_found", filter.course)
        }
        let typed = query.quiz ?? ""
        guard let quiz = typed.isEmpty ? course.modules.first(where: { $0.quiz != nil }) : course.module(typed),
            quiz.quiz != nil
        else { throw AppError(.badRequest, "quiz_not_in_course", typed, course.slug) }
        let sort = try ReportSort(query: query, allowed: Self.columns)
        let words = SortFolder()
        let lines = sort.apply(
            try await quizzes.lines(course: course.slug, quiz: quiz.slug, filter),
            columns: [
                "username": { .text($0.username.lowercased()) }, "commune": { words($0.commune) },
                "group": { words($0.group) }, "best": { .number($0.bestPercent ?? -1) },
                "attempts": { .number(Double($0.attemptsUsed)) }, "passed": { .number($0.passed ? 1 : 0) },
                "last": { .number($0.lastSubmittedAt?.timeIntervalSince1970 ?? 0) },
            ], name: \.searchName)
        let table = ReportTable(
            course: course, filter: filter, level: .person, sort: sort, grouping: quizzes.grouping)
        return (table, quiz, lines)
    }

    /// `/reports/quiz`: one row per enrolled learner, a page of 200 at a time.
    @Sendable func page(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (table, quiz, lines) = try await load(request, context)
        let paging = try ReportPaging(query: try ReportQuery(request), total: lines.count)
        let page = Self.page(
            table, quiz: quiz, lines: lines, onFile: try await reports.communesOnFile(), paging: paging,
            strings: pages.strings, language: context.language)
        return pages.render(page, request: request, context: context)
    }

    /// The page of one quiz's results already fetched and sorted; `onFile` are the communes people live in, which
    /// the filter form offers beside the place list's units.
    static func page(
        _ table: ReportTable, quiz: CourseModule, lines: [QuizReport.Line], onFile: [String], paging: ReportPaging,
        strings: Strings, language: Language
    ) -> QuizReportPage {
        let view = ReportView(table: table, strings: strings, language: language)
        let keep =
            table.filter.queryItems + [("quiz", quiz.slug), ("sort", table.sort.key)]
            + (table.sort.descending ? [("dir", "desc")] : [])
        let title = strings.text("report_quiz_title", language, [quiz.title.text(language)])
        let picker = ReportForm.QuizPicker(
            courseSlug: table.course.slug,
            quizzes: table.course.modules.filter { $0.quiz != nil }.map {
                ReportForm.Option(value: $0.slug, label: $0.title.text(language), selected: $0.slug == quiz.slug)
            })
        // The group column only when the place list has groups.
        let grouped = !table.grouping.isEmpty
        let columns = Self.columns.filter { $0 != "group" || grouped }
        let headings = columns.map { key in
            ReportTablePart.Heading(
                label: strings.text("report_quiz_col_\(key)", language), numeric: ["best", "attempts"].contains(key),
                link: true,
                url: table.sort.link(SitePath.quizReport, table.filter.queryItems + [("quiz", quiz.slug)], column: key),
                aria: table.sort.ariaSort(key), arrow: ReportView.arrow(table.sort, key))
        }
        let rows = lines[paging.range].map { line in
            ReportTablePart.Row(
                cells: [view.cell(line.fullName), view.cell(line.username), view.cell(view.place(line.commune))]
                    + (grouped ? [view.cell(view.groupName(line.group))] : []) + [
                        view.cell(
                            line.bestPercent.map { LocalText.percent($0 / 100, language) } ?? "—", numeric: true),
                        view.cell(LocalText.count(line.attemptsUsed, language), numeric: true),
                        view.cell(view.t(line.passed ? "report_yes" : "report_no")),
                        view.cell(line.lastSubmittedAt.map { LocalText.dateTime($0, language) } ?? "—"),
                    ])
        }
        let summary = strings.text(
            "report_quiz_summary", language,
            [LocalText.count(lines.count, language), LocalText.count(lines.filter(\.passed).count, language)])
        return QuizReportPage(
            title: title, course: table.course.title.text(language),
            backURL: ReportLink.url(SitePath.reports, table.filter.queryItems),
            csvURL: ReportLink.url(SitePath.quizReportCSV, keep),
            filters: ReportForm(
                table.filter, grouping: table.grouping, onFile: onFile, courses: [], action: SitePath.quizReport,
                quizPicker: picker, language: language),
            table: lines.isEmpty
                ? nil
                : ReportTablePart(
                    caption: title, peopleTable: true, columns: headings, rows: rows,
                    totals: [view.cell(summary, span: columns.count)]),
            pager: paging.links(SitePath.quizReport, keep, strings: strings, language: language))
    }

    /// `/reports/quiz.csv`: every selected learner's best score and attempts, for a spreadsheet.
    @Sendable func csv(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (table, quiz, lines) = try await load(request, context)
        let header = ["group", "commune", "name", "username", "best", "attempts", "passed", "last"].map {
            CSVHeading.text("report_quiz_col_\($0)", strings: pages.strings, language: context.language)
        }
        let rows = lines.map { line in
            [
                line.group, line.commune, line.fullName, line.username, ReportCSV.percent(line.bestPercent),
                String(line.attemptsUsed), pages.text(line.passed ? "report_yes" : "report_no", context),
                line.lastSubmittedAt.map(Timestamp.local) ?? "",
            ]
        }
        let name = "quiz-\(ReportCSV.safeName(table.course.slug))-\(ReportCSV.safeName(quiz.slug)).csv"
        return try await ReportCSV.download(header: header, rows: rows, name: name)
    }
}
