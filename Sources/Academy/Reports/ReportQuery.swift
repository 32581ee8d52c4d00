import Hummingbird

/// The query string of the report pages, their CSV and API, and the audit log: every field they read, as typed.
/// The types built from it (`ReportFilter`, `ReportSort`, `ReportPaging`, `AuditFilter`) check each one and answer a
/// 400 that names a bad one.
struct ReportQuery: Decodable {
    @Trimmed var course: String?
    @Trimmed var group: String?
    /// Deprecated (issue 15): the history column; `group` replaces it.
    @Trimmed var district: String?
    @Trimmed var commune: String?
    @Trimmed var from: String?
    @Trimmed var to: String?
    @Trimmed var level: String?
    @Trimmed var sort: String?
    @Trimmed var dir: String?
    @Trimmed var page: String?
    @Trimmed var quiz: String?
    @Trimmed var groupBy: String?
    @Trimmed var action: String?
    @Trimmed var actor: String?

    enum CodingKeys: String, CodingKey {
        case course, group, district, commune, from, to, level, sort, dir, page, quiz, action, actor
        case groupBy = "group_by"
    }

    /// The request's query.
    init(_ request: Request) throws(AppError) {
        self = try FormBody.query(ReportQuery.self, from: request)
    }
}
