import Foundation
import Hummingbird

/// `GET /api/v1/reports/completion?course=&group_by=group|commune` (trainer, hr, admin): JSON, or CSV when asked
/// by `Accept: text/csv` or the `.csv` address. `group_by=district` and `district=` are deprecated (issue 15) and
/// answer as before for one version.
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

    /// One row of the report: a group ("" for no group), a commune with its group, or (deprecated) a district.
    struct Group: Codable, Equatable {
        let group: String?
        let commune: String?
        let district: String?
        let enrolled: Int
        let inProgress: Int
        let completed: Int
        let certified: Int
    }

    /// The counts per group or commune of one course; optional `group`, `commune`, `from`, `to` filters.
    @Sendable func completion(_ request: Request, context: AppRequestContext) async throws -> Response {
        let query = try ReportQuery(request)
        let filter = try ReportFilter(query: query, defaultCourse: "")
        guard !filter.course.isEmpty else { throw AppError(.badRequest, "course_required") }
        guard let course = catalog.snapshot.course(filter.course) else {
            throw AppError(.badRequest, "course_not_found", filter.course)
        }
        // By group by default; by commune when the place list has no groups (as the report page starts).
        let grouping = query.groupBy ?? ""
        let natural: ReportLevel = reports.grouping.isEmpty ? .commune : .group
        guard let level = grouping.isEmpty ? natural : ReportLevel(rawValue: grouping), level != .person else {
            throw AppError(.badRequest, "bad_filter", "group_by", grouping)
        }
        let rows = try await reports.groups(course, filter, by: level)
        let groups = rows.map {
            Group(
                group: level == .district ? nil : $0.group, commune: $0.commune, district: $0.district,
                enrolled: $0.counts.enrolled, inProgress: $0.counts.inProgress, completed: $0.counts.completed,
                certified: $0.counts.certified)
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
        let places =
            switch level {
            case .district: ["district"]
            case .group: ["group"]
            default: ["group", "commune"]
            }
        return CSVWriter.text(
            header: places + ["enrolled", "in_progress", "completed", "certified"],
            rows: groups.map { row in
                let names =
                    switch level {
                    case .district: [row.district ?? ""]
                    case .group: [row.group ?? ""]
                    default: [row.group ?? "", row.commune ?? ""]
                    }
                return names + [row.enrolled, row.inProgress, row.completed, row.certified].map(String.init)
            })
    }
}
