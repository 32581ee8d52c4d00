import Foundation
import Testing

@testable import Academy

/// Golden files of the report pages (`Tests/AcademyTests/Snapshots/reports/`), in both languages: the completion
/// report at each level (with the small place list's groups), filtered, sorted, a page at a time and empty; its
/// print view; a quiz's report; the audit log. Trainers and HR see the same reports (the layout differs by role, so the first page is checked for each).
@Suite struct ReportPageSnapshotTests {
    static let course = SnapshotFixtures.course
    /// Communes people live in, beside the units of the small place list: one is on no list.
    static let onFile = ["Côn Lôn", "Thượng Lâm", "Yên Hoa", "Xã Cũ Chưa Chuyển"]
    /// The small place list's groups (real units of Tuyên Quang): Lâm Bình (cũ), Na Hang (cũ), …
    static let grouping = Result {
        ReportGroups(try PlaceListReader.load(directory: Fixtures.path("places/small")))
    }
    /// The query of one commune's people: Yên Hoa, of the group Na Hang (cũ).
    static let yenHoa = "group=Na%20Hang%20%28c%C5%A9%29&commune=Y%C3%AAn%20Hoa"
    /// 2025-03-15 12:00 in Vietnam.
    static let noon = Date(timeIntervalSince1970: 1_742_014_800)

    static func table(_ query: String, level: ReportLevel, columns: [String]? = nil) throws -> ReportTable {
        let form = try FormBody.decode(ReportQuery.self, from: query)
        let filter = try ReportFilter(query: form, defaultCourse: course.slug)
        let sort = try ReportSort(
            query: form,
            allowed: columns ?? (level == .person ? ReportTable.personColumns : ReportTable.groupColumns))
        return ReportTable(course: course, filter: filter, level: level, sort: sort, grouping: try grouping.get())
    }

    static func groups() throws -> ReportTable {
        var table = try table("", level: .group)
        table.groups = [
            CompletionRow(
                group: "Na Hang (cũ)",
                counts: CompletionCounts(
                    enrolled: 1_240, inProgress: 610, completed: 402,
                    certified: 398)),
            CompletionRow(
                group: "Lâm Bình (cũ)",
                counts: CompletionCounts(
                    enrolled: 87, inProgress: 40, completed: 13,
                    certified: 12)),
            CompletionRow(group: "", counts: CompletionCounts(enrolled: 5, inProgress: 1, completed: 1)),
        ]
        table.totals = table.groups.reduce(CompletionCounts()) { $0 + $1.counts }
        return table
    }

    static func people(_ count: Int, commune: String?) -> [PersonStanding] {
        let statuses: [PersonStanding.Status] = [.notStarted, .inProgress, .completed]
        return (1...count).map { index in
            let status = statuses[index % 3]
            return PersonStanding(
                userID: Int64(index), fullName: "Nguyễn Văn \(String(format: "%03d", index))",
                username: "nv\(String(format: "%03d", index))", searchName: "nguyen van \(index)",
                position: index % 2 == 0 ? "Cán bộ tư pháp" : "Công chức văn hóa",
                group: commune == nil && index % 4 == 0 ? "" : "Na Hang (cũ)",
                commune: commune ?? (index % 4 == 0 ? "" : index % 3 == 0 ? "Côn Lôn" : "Yên Hoa"),
                enrolledAt: noon.addingTimeInterval(Double(index) * 86_400), status: status,
                certified: status == .completed && index % 2 == 0)
        }
    }

    static func withPeople(_ query: String, _ people: [PersonStanding]) throws -> ReportTable {
        var table = try table(query, level: .person)
        table.people = people
        table.totals = CompletionCounts(
            enrolled: people.count, inProgress: people.filter { $0.status == .inProgress }.count,
            completed: people.filter { $0.status == .completed }.count, certified: people.filter(\.certified).count)
        return table
    }

    func reports(_ table: ReportTable, page: String = "") throws -> (Strings, Language) -> ReportsPage {
        let paging = try ReportPaging(query: FormBody.decode(ReportQuery.self, from: page), total: table.people.count)
        return { strings, language in
            ReportController.page(
                table, onFile: Self.onFile, courses: [Self.course], paging: paging, strings: strings,
                language: language)
        }
    }

    @Test func completionReport() async throws {
        let snapshots = try await PageSnapshots.make()
        let path = SitePath.reports
        snapshots.check("reports/groups", path: path, roles: [.trainer, .hr, .admin], try reports(Self.groups()))

        var communes = try Self.table(
            "group=Na%20Hang%20%28c%C5%A9%29&from=2025-01-01&to=2025-06-30&sort=enrolled&dir=desc", level: .commune)
        communes.groups = [
            CompletionRow(
                group: "Na Hang (cũ)", commune: "Yên Hoa",
                counts: CompletionCounts(enrolled: 52, inProgress: 30, completed: 9, certified: 9)),
            CompletionRow(
                group: "Na Hang (cũ)", commune: "Côn Lôn",
                counts: CompletionCounts(enrolled: 31, inProgress: 9, completed: 4, certified: 3)),
        ]
        communes.totals = communes.groups.reduce(CompletionCounts()) { $0 + $1.counts }
        snapshots.check("reports/communes-filtered-sorted", path: path, roles: [.hr], try reports(communes))

        // Every commune of the province, each with its group; the one on no list is of no group.
        var allCommunes = try Self.table("level=commune", level: .commune)
        allCommunes.groups = [
            CompletionRow(
                group: "Na Hang (cũ)", commune: "Yên Hoa",
                counts: CompletionCounts(enrolled: 52, inProgress: 30, completed: 9, certified: 9)),
            CompletionRow(
                group: "Lâm Bình (cũ)", commune: "Thượng Lâm",
                counts: CompletionCounts(enrolled: 12, inProgress: 2, completed: 8, certified: 8)),
            CompletionRow(
                group: "", commune: "Xã Cũ Chưa Chuyển", counts: CompletionCounts(enrolled: 4, inProgress: 1)),
        ]
        allCommunes.totals = allCommunes.groups.reduce(CompletionCounts()) { $0 + $1.counts }
        snapshots.check("reports/communes-all", path: path, roles: [.trainer], try reports(allCommunes))

        let commune = try Self.withPeople(Self.yenHoa, Self.people(5, commune: "Yên Hoa"))
        snapshots.check("reports/people-of-commune", path: path, roles: [.trainer], try reports(commune))

        let everyone = try Self.withPeople("level=person&sort=enrolled_at", Self.people(450, commune: nil))
        snapshots.check("reports/people-page-1", path: path, roles: [.hr], try reports(everyone))
        snapshots.check("reports/people-page-2", path: path, roles: [.hr], try reports(everyone, page: "page=2"))

        var none = try Self.table("from=2030-01-01", level: .group)
        none.groups = []
        snapshots.check("reports/empty", path: path, roles: [.trainer], try reports(none))
    }

    @Test func printView() async throws {
        let snapshots = try await PageSnapshots.make()
        let issuer = "Sở Tư pháp tỉnh Tuyên Quang"
        let groups = try Self.groups()
        snapshots.check("reports/print-groups", path: SitePath.reportsPrint, roles: [.hr]) { strings, language in
            ReportController.printPage(
                groups, issuer: issuer, prepared: Self.noon, strings: strings, language: language)
        }
        let people = try Self.withPeople(
            Self.yenHoa + "&from=2025-01-01&to=2025-06-30", Self.people(5, commune: "Yên Hoa"))
        snapshots.check("reports/print-people-period", path: SitePath.reportsPrint, roles: [.trainer]) {
            strings, language in
            ReportController.printPage(
                people, issuer: issuer, prepared: Self.noon, strings: strings, language: language)
        }
    }

    @Test func quizReport() async throws {
        let snapshots = try await PageSnapshots.make()
        let quiz = try #require(Self.course.module("kiem-tra"))
        let table = try Self.table(
            "group=Na%20Hang%20%28c%C5%A9%29&sort=best&dir=desc", level: .person,
            columns: QuizReportController.columns)
        let lines = [
            QuizReport.Line(
                userID: 1, fullName: "Trần Thị Bích", username: "bich", searchName: "tran thi bich",
                group: "Na Hang (cũ)", commune: "Yên Hoa", bestPercent: 92.5, attemptsUsed: 1, passed: true,
                lastSubmittedAt: Self.noon),
            QuizReport.Line(
                userID: 2, fullName: "Lý Văn Đức", username: "duc", searchName: "ly van duc",
                group: "Na Hang (cũ)", commune: "Côn Lôn", bestPercent: 60, attemptsUsed: 3, passed: false,
                lastSubmittedAt: Self.noon.addingTimeInterval(-86_400 * 3)),
            QuizReport.Line(
                userID: 3, fullName: "Hoàng Minh Em", username: "em", searchName: "hoang minh em",
                group: "Na Hang (cũ)", commune: "Yên Hoa", bestPercent: nil, attemptsUsed: 0, passed: false,
                lastSubmittedAt: nil),
        ]
        let paging = try ReportPaging(query: FormBody.decode(ReportQuery.self, from: ""), total: lines.count)
        snapshots.check("reports/quiz", path: SitePath.quizReport, roles: [.trainer, .hr]) { strings, language in
            QuizReportController.page(
                table, quiz: quiz, lines: lines, onFile: Self.onFile, paging: paging, strings: strings,
                language: language)
        }
        let empty = try ReportPaging(query: FormBody.decode(ReportQuery.self, from: ""), total: 0)
        snapshots.check("reports/quiz-empty", path: SitePath.quizReport, roles: [.trainer]) { strings, language in
            QuizReportController.page(
                table, quiz: quiz, lines: [], onFile: Self.onFile, paging: empty, strings: strings, language: language)
        }
    }

    @Test func auditLog() async throws {
        let snapshots = try await PageSnapshots.make()
        let entries = [
            AuditEntry(
                id: 3, at: Self.noon, actorId: 7, actorName: "Nguyễn Thị Hoa", action: "role_changed",
                target: "bich", detail: "learner → trainer", address: "203.0.113.9"),
            AuditEntry(
                id: 2, at: Self.noon.addingTimeInterval(-3_600), actorId: nil, actorName: AuditActor.system.name,
                action: "key_rotated", target: "2025-1", detail: "sha256:3f9a", address: ""),
            AuditEntry(
                id: 1, at: Self.noon.addingTimeInterval(-7_200), actorId: nil, actorName: "",
                action: "sign_in_failed", target: "hoa", detail: "", address: "198.51.100.4"),
            AuditEntry(
                id: 0, at: Self.noon.addingTimeInterval(-9_000), actorId: nil, actorName: AuditActor.commandLine.name,
                action: "an_action_from_a_newer_version", target: "", detail: "", address: ""),
        ]
        let filtered = try AuditFilter(
            query: FormBody.decode(
                ReportQuery.self, from: "action=role_changed&actor=Hoa&from=2025-03-01&to=2025-03-31"))
        snapshots.check("reports/audit-filtered-page-2", path: SitePath.audit, roles: [.admin]) { strings, language in
            AuditController.page(
                AuditEntry.Page(entries: Array(entries.prefix(1)), hasMore: true), filter: filtered, page: 2,
                strings: strings, language: language)
        }
        snapshots.check("reports/audit", path: SitePath.audit, roles: [.admin]) { strings, language in
            AuditController.page(
                AuditEntry.Page(entries: entries, hasMore: false), filter: AuditFilter(), page: 1, strings: strings,
                language: language)
        }
        snapshots.check("reports/audit-empty", path: SitePath.audit, roles: [.admin]) { strings, language in
            AuditController.page(
                AuditEntry.Page(entries: [], hasMore: false), filter: filtered, page: 1, strings: strings,
                language: language)
        }
    }
}
