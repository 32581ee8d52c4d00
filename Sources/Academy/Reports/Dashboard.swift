import Foundation
import GRDB

/// The few numbers trainers, HR and admins see on their home page: learners, completion, certificates issued this
/// month, and the communes furthest behind. Kept light: one grouped report per course and two counts.
public struct Dashboard: Sendable {
    let database: AppDatabase
    let reports: CompletionReport

    public init(database: AppDatabase, places: PlaceList = .empty) {
        self.database = database
        self.reports = CompletionReport(database: database, places: places)
    }

    /// The figures, over every published course.
    public struct Figures: Sendable, Equatable {
        public var learners: Int
        public var counts: CompletionCounts
        public var certificatesThisMonth: Int
        /// Communes with people enrolled, lowest completion rate first (the larger commune first on a tie).
        public var behind: [CompletionRow]
    }

    public func figures(_ snapshot: CourseCatalog.Snapshot, now: Date = Date(), behind limit: Int = 5) async throws
        -> Figures
    {
        var communes: [String: CompletionRow] = [:]
        for course in snapshot.courses {
            for row in try await reports.groups(course, ReportFilter(course: course.slug), by: .commune) {
                let key = row.commune ?? ""
                var entry = communes[key] ?? CompletionRow(group: row.group, commune: row.commune, counts: .init())
                entry.counts += row.counts
                communes[key] = entry
            }
        }
        let monthStart = ReportPeriod.startOfMonth(now)
        let (learners, certificates) = try await database.writer.read { db in
            (
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM user WHERE role = 'learner' AND active = 1") ?? 0,
                try Int.fetchOne(
                    db, sql: "SELECT COUNT(*) FROM certificate WHERE issued_at >= ?", arguments: [monthStart])
                    ?? 0
            )
        }
        let behind = communes.values.filter { !($0.commune ?? "").isEmpty && $0.counts.enrolled > 0 }
            .sorted { lhs, rhs in
                if lhs.counts.rate != rhs.counts.rate { return lhs.counts.rate < rhs.counts.rate }
                if lhs.counts.enrolled != rhs.counts.enrolled { return lhs.counts.enrolled > rhs.counts.enrolled }
                return (lhs.commune ?? "") < (rhs.commune ?? "")
            }
        return Figures(
            learners: learners, counts: communes.values.reduce(CompletionCounts()) { $0 + $1.counts },
            certificatesThisMonth: certificates, behind: Array(behind.prefix(limit)))
    }

    /// The dashboard for the home page, or nil for learners (and visitors), who do not see it.
    func panel(_ snapshot: CourseCatalog.Snapshot, role: Role?, strings: Strings, language: Language) async throws
        -> DashboardPanel?
    {
        guard let role, role != .learner else { return nil }
        return DashboardPanel(try await figures(snapshot), strings: strings, language: language)
    }
}

/// The dashboard on a staff member's home page (`dashboard.mustache`).
struct DashboardPanel: Sendable, Encodable {
    struct Commune: Sendable, Encodable {
        let commune: String
        /// The commune's group of the place list; nil for no group.
        let group: String?
        let rate: String
        let detail: String
        let url: String
    }

    let learners: String
    let rate: String
    let rateDetail: String
    let certificates: String
    let behind: [Commune]
    let reportsURL = SitePath.reports

    init(_ figures: Dashboard.Figures, strings: Strings, language: Language) {
        func count(_ value: Int) -> String { NumberText.count(value, language) }
        learners = count(figures.learners)
        rate = NumberText.percent(figures.counts.rate, language)
        rateDetail = strings.text(
            "dashboard_rate_detail", language, [count(figures.counts.completed), count(figures.counts.enrolled)])
        certificates = count(figures.certificatesThisMonth)
        behind = figures.behind.map { row in
            Commune(
                commune: row.commune ?? "", group: row.group.isEmpty ? nil : row.group,
                rate: NumberText.percent(row.counts.rate, language),
                detail: strings.text(
                    "dashboard_behind_detail", language, [count(row.counts.completed), count(row.counts.enrolled)]),
                url: ReportLink.url(SitePath.reports, [("commune", row.commune ?? "")]))
        }
    }
}
