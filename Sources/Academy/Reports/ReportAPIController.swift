import Foundation
import Hummingbird

/// `GET /api/v1/reports/completion?course=&group_by=district|commune` (trainer, hr, admin): JSON, or CSV when asked
/// by `Accept: text/csv` or the `.csv` address.
struct ReportAPIController {
    let reports: CompletionReport
    let catalog: CourseCatalog

    var endpoints: RouteCollection<AppRequestContext> {
        let routes = RouteCollection(context: AppRequestContext.self)
        routes.add(middleware: RequireRole(.trainer, .hr))
        routes.get("/reports/completion", use: completion)
        routes.get("/reports/completion.csv", use: completion)
        return routes
    }

    /// One group of the report, as API.md names its keys.
    struct Group: Codable, Equatable {
        let district: String
        let commune: String?
        let enrolled: Int
        let inProgress: Int
        let completed: Int
        let certified: Int
    }

    /// The counts per district or commune of one course; optional `district`, `commune`, `from`, `to` filters.
    @Sendable func completion(_ request: Request, context: AppRequestContext) async throws -> Response {
        let query = try ReportQuery(request)
        let filter = try ReportFilter(query: query, defaultCourse: "")
        guard !filter.course.isEmpty else { throw AppError(.badRequest, "course_required") }
        guard let course = catalog.snapshot.course(filter.course) else {
            throw AppError(.badRequest, "course_not_found", filter.course)
        }
        let grouping = query.groupBy ?? "district"
        guard let level = ReportLevel(rawValue: grouping), level != .person else {
            throw AppError(.badRequest, "bad_filter", "group_by", grouping)
        }
        let rows = try await reports.groups(course, filter, by: level)
        let groups = rows.map {
            Group(
                district: $0.district, commune: $0.commune, enrolled: $0.counts.enrolled,
                inProgress: $0.counts.inProgress, completed: $0.counts.completed, certified: $0.counts.certified)
        }
        if request.uri.path.hasSuffix(".csv") || request.headers[.accept]?.contains("text/csv") == true {
            let text = try await Blocking.run { Self.csv(groups, level: level) }
            return ReportCSV.response(text, name: "completion-\(course.slug)-\(level.rawValue).csv")
        }
        let data = try context.responseEncoder.encode(groups)
        return Response(
            status: .ok, headers: [.contentType: "application/json; charset=utf-8", .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// The same rows as CSV with the JSON keys as headings, for scripts and spreadsheets alike.
    static func csv(_ groups: [Group], level: ReportLevel) -> String {
        let places = level == .district ? ["district"] : ["district", "commune"]
        return CSVWriter.text(
            header: places + ["enrolled", "in_progress", "completed", "certified"],
            rows: groups.map { group in
                [group.district] + (level == .district ? [] : [group.commune ?? ""])
                    + [group.enrolled, group.inProgress, group.completed, group.certified].map(String.init)
            })
    }
}
