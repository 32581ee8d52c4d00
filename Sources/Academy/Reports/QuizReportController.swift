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
        routes.get(RouterPath(SitePath.quizReport), use: page)
        routes.get(RouterPath(SitePath.quizReportCSV), use: csv)
        return routes
    }

    static let columns = ["name", "username", "commune", "district", "best", "attempts", "passed", "last"]

    /// The report's rows for the query: course (first by default), quiz (its first by default), filters, sort.
    func load(_ request: Request, _ context: AppRequestContext) async throws
        -> (table: ReportTable, quiz: CourseModule, lines: [QuizReport.Line])
    {
        try context.require(.trainer, .hr)
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
                "district": { words($0.district) }, "best": { .number($0.bestPercent ?? -1) },
                "attempts": { .number(Double($0.attemptsUsed)) }, "passed": { .number($0.passed ? 1 : 0) },
                "last": { .number($0.lastSubmittedAt?.timeIntervalSince1970 ?? 0) },
            ], name: \.searchName)
        return (ReportTable(course: course, filter: filter, level: .person, sort: sort), quiz, lines)
    }

    /// `/reports/quiz`: one row per enrolled learner, a page of 200 at a time.
    @Sendable func page(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (table, quiz, lines) = try await load(request, context)
        let language = context.language
        let paging = try ReportPaging(query: try ReportQuery(request), total: lines.count)
        let keep =
            table.filter.queryItems + [("quiz", quiz.slug), ("sort", table.sort.key)]
            + (table.sort.descending ? [("dir", "desc")] : [])
        let view = ReportView(table: table, pages: pages, language: language)
        let title = pages.text("report_quiz_title", context, quiz.title.text(language))
        var data = try await ReportForm(reports: reports, pages: pages).data(table, catalog.snapshot, context)
        data["formAction"] = SitePath.quizReport
        data["quizPage"] = true
        data["courseSlug"] = table.course.slug
        data["quizOptions"] = table.course.modules.filter { $0.quiz != nil }.map {
            ["value": $0.slug, "title": $0.title.text(language), "selected": $0.slug == quiz.slug]
        }
        data["heading"] = title
        data["course"] = table.course.title.text(language)
        data["backURL"] = ReportLink.url(SitePath.reports, table.filter.queryItems)
        data["csvURL"] = ReportLink.url(SitePath.quizReportCSV, keep)
        data["pager"] = paging.links(SitePath.quizReport, keep, pages: pages, context: context)
        data["empty"] = lines.isEmpty
        data["columns"] = Self.columns.map { key in
            [
                "label": pages.text("report_quiz_col_\(key)", context), "link": true,
                "numeric": ["best", "attempts"].contains(key), "aria": table.sort.ariaSort(key),
                "url": table.sort.link(
                    SitePath.quizReport, table.filter.queryItems + [("quiz", quiz.slug)], column: key),
                "arrow": TemplateValue.maybe(key == table.sort.key ? (table.sort.descending ? "▼" : "▲") : ""),
            ]
        }
        data["rows"] = lines[paging.range].map { line in
            [
                "cells": [
                    view.cell(line.fullName), view.cell(line.username), view.cell(view.place(line.commune)),
                    view.cell(view.place(line.district)),
                    view.cell(line.bestPercent.map { NumberText.percent($0 / 100, language) } ?? "—", numeric: true),
                    view.cell(NumberText.count(line.attemptsUsed, language), numeric: true),
                    view.cell(pages.text(line.passed ? "report_yes" : "report_no", context)),
                    view.cell(line.lastSubmittedAt.map { view.dates.short($0) } ?? "—"),
                ]
            ]
        }
        var summary = view.cell(
            pages.text(
                "report_quiz_summary", context, NumberText.count(lines.count, language),
                NumberText.count(lines.filter(\.passed).count, language)))
        summary["span"] = Self.columns.count
        data["totals"] = [summary]
        return pages.page("report_quiz", title: title, data: data, request: request, context: context)
    }

    /// `/reports/quiz.csv`: every selected learner's best score and attempts, for a spreadsheet.
    @Sendable func csv(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (table, quiz, lines) = try await load(request, context)
        let formatter = ISO8601DateFormatter()
        let header = ["district", "commune", "name", "username", "best", "attempts", "passed", "last"].map {
            pages.text("report_quiz_col_\($0)", context)
        }
        let rows = lines.map { line in
            [
                line.district, line.commune, line.fullName, line.username, ReportCSV.percent(line.bestPercent),
                String(line.attemptsUsed), pages.text(line.passed ? "report_yes" : "report_no", context),
                line.lastSubmittedAt.map { formatter.string(from: $0) } ?? "",
            ]
        }
        let name = "quiz-\(ReportCSV.safeName(table.course.slug))-\(ReportCSV.safeName(quiz.slug)).csv"
        return ReportCSV.response(CSVWriter.text(header: header, rows: rows), name: name)
    }
}
