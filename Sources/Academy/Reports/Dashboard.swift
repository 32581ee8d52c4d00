import Foundation
import GRDB

/// The few numbers trainers, HR and admins see on their home page: learners, completion, certificates issued this
/// month, and the communes furthest behind. Kept light: one grouped report per course and two counts.
public struct Dashboard: Sendable {
    let database: AppDatabase
    let reports: CompletionReport

    public init(database: AppDatabase) {
        self.database = database
        self.reports = CompletionReport(database: database)
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
                let key = "\(row.district)\u{1F}\(row.commune ?? "")"
                var entry =
                    communes[key] ?? CompletionRow(district: row.district, commune: row.commune, counts: .init())
                entry.counts = entry.counts + row.counts
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
    func data(_ snapshot: CourseCatalog.Snapshot, pages: PageRenderer, context: AppRequestContext) async throws
        -> [String: Any]?
    {
        guard let role = context.user?.role, role != .learner else { return nil }
        let figures = try await figures(snapshot)
        let language = context.language
        return [
            "learners": NumberText.count(figures.learners, language),
            "rate": NumberText.percent(figures.counts.rate, language),
            "rateDetail": pages.text(
                "dashboard_rate_detail", context, NumberText.count(figures.counts.completed, language),
                NumberText.count(figures.counts.enrolled, language)),
            "certificates": NumberText.count(figures.certificatesThisMonth, language),
            "behind": figures.behind.map { row in
                [
                    "commune": row.commune ?? "", "district": row.district,
                    "rate": NumberText.percent(row.counts.rate, language),
                    "detail": pages.text(
                        "dashboard_behind_detail", context, NumberText.count(row.counts.completed, language),
                        NumberText.count(row.counts.enrolled, language)),
                    "url": ReportLink.url(
                        SitePath.reports, [("district", row.district), ("commune", row.commune ?? "")]),
                ]
            },
            "hasBehind": !figures.behind.isEmpty,
            "reportsURL": SitePath.reports,
        ]
    }
}
