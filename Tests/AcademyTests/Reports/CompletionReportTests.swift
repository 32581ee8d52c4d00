import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import Academy

/// The completion report's counts on a known fixture, its filters, and its JSON route.
@Suite struct CompletionReportTests {
    func course(_ services: AppServices) throws -> Course {
        try #require(services.catalog.snapshot.course("sample"))
    }

    func counts(_ rows: [CompletionRow]) -> [String: [Int]] {
        Dictionary(
            uniqueKeysWithValues: rows.map { row in
                (
                    row.commune ?? row.district ?? row.group,
                    [row.counts.enrolled, row.counts.inProgress, row.counts.completed, row.counts.certified]
                )
            })
    }

    @Test func countsByCommuneMatchTheFixtureAndTheDeprecatedDistrictStillCounts() async throws {
        // given: no place list
        let services = try await TestApp.services()
        try await ReportFixture.build(services)
        let report = CompletionReport(database: services.database)
        // when
        let districts = try await report.groups(try course(services), ReportFilter(course: "sample"), by: .district)
        let communes = try await report.groups(try course(services), ReportFilter(course: "sample"), by: .commune)
        let groups = try await report.groups(try course(services), ReportFilter(course: "sample"), by: .group)
        // then: enrolled, in progress, completed, certified; without a list everyone is of no group
        #expect(counts(districts) == ["Huyện Một": [6, 3, 2, 1], "Huyện Hai": [1, 0, 1, 1]])
        #expect(counts(communes) == ["Xã A": [4, 2, 1, 1], "Xã B": [2, 1, 1, 0], "Xã C": [1, 0, 1, 1]])
        #expect(
            groups == [
                CompletionRow(
                    group: "", counts: CompletionCounts(enrolled: 7, inProgress: 3, completed: 3, certified: 2))
            ])
    }

    @Test func groupsAddUpTheirCommunesAndTheRestIsOfNoGroup() async throws {
        // given: the small place list; two more people on no list, one without a commune
        let services = try await TestApp.services(places: ReportFixture.smallList)
        let people = try await ReportFixture.build(services, communes: ReportFixture.grouped)
        let old = try await People.make(services, "cu", commune: "Xã Cũ Chưa Chuyển", district: "Huyện Hai")
        let none = try await People.make(services, "khong", commune: "", district: "")
        try await services.database.writer.write { db in
            for user in [old, none] { try ReportFixture.enroll(db, user.id ?? 0, at: ReportFixture.recent) }
            try ReportFixture.attempt(db, old.id ?? 0, module: "kiem-tra", passed: true)
        }
        let report = CompletionReport(database: services.database, places: services.places)
        let sample = try course(services)
        // when
        let groups = try await report.groups(sample, ReportFilter(course: "sample"), by: .group)
        let communes = try await report.groups(sample, ReportFilter(course: "sample"), by: .commune)
        let naHang = try await report.groups(
            sample, ReportFilter(course: "sample", group: "Na Hang (cũ)"), by: .commune)
        let noGroup = try await report.groups(
            sample, ReportFilter(course: "sample", group: ReportGroups.none), by: .commune)
        let noGroupPeople = try await report.people(sample, ReportFilter(course: "sample", group: ReportGroups.none))
        // then: groups in the list's order, no group last
        #expect(groups.map(\.group) == ["Lâm Bình (cũ)", "Na Hang (cũ)", ""])
        #expect(counts(groups) == ["Na Hang (cũ)": [6, 3, 2, 1], "Lâm Bình (cũ)": [1, 0, 1, 1], "": [2, 0, 1, 0]])
        // a group's counts are the sums of its communes', and every commune is in exactly one row of the groups
        for group in groups {
            let sum = communes.filter { $0.group == group.group }.reduce(CompletionCounts()) { $0 + $1.counts }
            #expect(sum == group.counts, "\(group.group)")
        }
        #expect(
            groups.reduce(CompletionCounts()) { $0 + $1.counts }
                == communes.reduce(CompletionCounts()) { $0 + $1.counts })
        #expect(counts(naHang) == ["Yên Hoa": [4, 2, 1, 1], "Côn Lôn": [2, 1, 1, 0]])
        #expect(naHang.allSatisfy { $0.group == "Na Hang (cũ)" })
        #expect(counts(noGroup) == ["Xã Cũ Chưa Chuyển": [1, 0, 1, 0], "": [1, 0, 0, 0]])
        #expect(Set(noGroupPeople.map(\.username)) == ["cu", "khong"])
        #expect(noGroupPeople.allSatisfy { $0.group.isEmpty })
        let yenHoa = try await report.people(sample, ReportFilter(course: "sample", commune: "Yên Hoa"))
        #expect(yenHoa.count == 4 && yenHoa.allSatisfy { $0.group == "Na Hang (cũ)" })
        #expect(people["an"].map { $0.commune } == "Yên Hoa")
    }

    @Test func peopleHaveTheStatusTheProgressModelGives() async throws {
        // given
        let services = try await TestApp.services()
        let people = try await ReportFixture.build(services)
        // when
        let standings = try await CompletionReport(database: services.database)
            .people(try course(services), ReportFilter(course: "sample", district: "Huyện Một"))
        // then: the same verdict as each learner's own progress card
        let progress = services.progress
        #expect(standings.count == 6)
        for standing in standings {
            let own = try await progress.progress(userID: standing.userID, catalog: services.catalog.snapshot)
            #expect(own.first?.completed == (standing.status == .completed), "\(standing.username)")
        }
        let status = Dictionary(uniqueKeysWithValues: standings.map { ($0.username, $0.status) })
        #expect(
            status == [
                "an": .completed, "binh": .inProgress, "cuong": .inProgress, "dung": .notStarted, "hai": .completed,
                "hung": .inProgress,
            ])
        #expect(standings.filter(\.certified).map(\.userID) == [people["an"]?.id])
    }

    @Test func withoutACertificateEveryQuizIsRequiredAndWithoutQuizzesNobodyCompletes() async throws {
        // given: `an` also passes bai-mot; the course loses its certificate, then its quizzes
        let services = try await TestApp.services()
        let people = try await ReportFixture.build(services)
        try await services.database.writer.write { db in
            try ReportFixture.attempt(db, people["an"]?.id ?? 0, module: "bai-mot", passed: true)
        }
        var everyQuiz = try course(services)
        everyQuiz.certificate = nil
        var noQuiz = everyQuiz
        noQuiz.modules = noQuiz.modules.map { module in
            var module = module
            module.quiz = nil
            return module
        }
        let report = CompletionReport(database: services.database)
        // when
        let both = try await report.groups(everyQuiz, ReportFilter(course: "sample"), by: .commune)
        let none = try await report.groups(noQuiz, ReportFilter(course: "sample"), by: .commune)
        // then: only `an` passed both quizzes, as the learner's own progress card would say
        #expect(counts(both)["Xã A"]?[2] == 1)
        #expect(counts(both)["Xã B"]?[2] == 0)
        #expect(counts(both)["Xã C"]?[2] == 0)
        #expect(none.map(\.counts.completed) == [0, 0, 0])
    }

    @Test func filtersNarrowByPlaceAndEnrolmentDay() async throws {
        // given
        let services = try await TestApp.services()
        try await ReportFixture.build(services)
        let report = CompletionReport(database: services.database)
        let sample = try course(services)
        // when
        let recent = try await report.groups(
            sample, ReportFilter(course: "sample", period: try ReportPeriod(from: "2025-01-01", to: nil)), by: .district
        )
        let older = try await report.groups(
            sample, ReportFilter(course: "sample", period: try ReportPeriod(from: nil, to: "2024-01-10")), by: .commune
        )
        let oldDistrict = try await report.groups(
            sample, ReportFilter(course: "sample", district: "Huyện Hai"), by: .commune)
        let commune = try await report.groups(sample, ReportFilter(course: "sample", commune: "Xã B"), by: .commune)
        let nothing = try await report.groups(
            sample, ReportFilter(course: "sample", period: try ReportPeriod(from: "2024-01-11", to: "2025-03-14")),
            by: .district)
        // then: `to` includes its whole day, in Vietnam's time
        #expect(counts(recent) == ["Huyện Một": [6, 3, 2, 1]])
        #expect(counts(older) == ["Xã C": [1, 0, 1, 1]])
        #expect(counts(oldDistrict) == ["Xã C": [1, 0, 1, 1]], "the deprecated district filter still narrows")
        #expect(counts(commune) == ["Xã B": [2, 1, 1, 0]])
        #expect(nothing.isEmpty)
    }

    @Test func apiAnswersByGroupByCommuneAndStillByTheDeprecatedDistrict() async throws {
        try await TestApp.withServices(places: ReportFixture.smallList) { services, client in
            // given
            try await ReportFixture.build(services, communes: ReportFixture.grouped)
            let hr = try await People.make(services, "nhansu", role: .hr)
            let headers = try await People.bearer(services, hr)
            func rows(_ uri: String) async throws -> [[String: Any]] {
                let response = try await client.execute(uri: uri, method: .get, headers: headers)
                #expect(response.status == .ok, "\(uri)")
                return try #require(
                    try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [[String: Any]])
            }
            // when
            let byGroup = try await rows("/api/v1/reports/completion?course=sample")
            let byCommune = try await rows(
                "/api/v1/reports/completion?course=sample&group_by=commune&group=Na%20Hang%20%28c%C5%A9%29")
            let byDistrict = try await rows("/api/v1/reports/completion?course=sample&group_by=district")
            let inDistrict = try await rows(
                "/api/v1/reports/completion?course=sample&group_by=commune&district=Huy%E1%BB%87n%20M%E1%BB%99t")
            let csv = try await client.execute(
                uri: "/api/v1/reports/completion.csv?course=sample&group_by=commune", method: .get, headers: headers)
            // then
            #expect(byGroup.map { $0["group"] as? String } == ["Lâm Bình (cũ)", "Na Hang (cũ)"])
            let naHang = try #require(byGroup.first { $0["group"] as? String == "Na Hang (cũ)" })
            #expect(naHang["enrolled"] as? Int == 6 && naHang["completed"] as? Int == 2)
            #expect(naHang["certified"] as? Int == 1 && naHang["in_progress"] as? Int == 3)
            #expect(byGroup.allSatisfy { $0["district"] == nil && $0["commune"] == nil }, "no district, no commune")
            #expect(byCommune.map { $0["commune"] as? String } == ["Côn Lôn", "Yên Hoa"])
            #expect(byCommune.allSatisfy { $0["group"] as? String == "Na Hang (cũ)" })
            // deprecated, same behaviour as before issue 15: the district rows and filter
            #expect(Set(byDistrict.compactMap { $0["district"] as? String }) == ["Huyện Một", "Huyện Hai"])
            #expect(byDistrict.allSatisfy { $0["group"] == nil })
            #expect(inDistrict.map { $0["commune"] as? String } == ["Côn Lôn", "Yên Hoa"])
            #expect(csv.text.hasPrefix("\u{FEFF}group,commune,enrolled,in_progress,completed,certified\r\n"))
            #expect(csv.text.contains("\r\nLâm Bình (cũ),Thượng Lâm,1,0,1,1\r\n"))
        }
    }

    @Test func withoutGroupsTheAPIStartsAtCommunes() async throws {
        try await TestApp.withServices { services, client in
            // given: no place list
            try await ReportFixture.build(services)
            let headers = try await People.bearer(services, try await People.make(services, "nhansu", role: .hr))
            // when
            let response = try await client.execute(
                uri: "/api/v1/reports/completion?course=sample", method: .get, headers: headers)
            // then
            let rows = try #require(
                try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [[String: Any]])
            #expect(rows.map { $0["commune"] as? String } == ["Xã A", "Xã B", "Xã C"])
            #expect(rows.allSatisfy { $0["group"] as? String == "" })
        }
    }

    @Test func badInputGetsAClearError() async throws {
        try await TestApp.withServices { services, client in
            // given
            let trainer = try await People.make(services, "giangvien", role: .trainer)
            let api = try await People.bearer(services, trainer)
            let browser = try await People.browser(services, trainer)
            // when / then
            for (uri, code) in [
                ("/api/v1/reports/completion", "course_required"),
                ("/api/v1/reports/completion?course=khong-co", "course_not_found"),
                ("/api/v1/reports/completion?course=sample&group_by=person", "bad_filter"),
                ("/api/v1/reports/completion?course=sample&from=2025-02-30", "bad_date"),
                ("/api/v1/reports/completion?course=sample&from=2025-03-02&to=2025-03-01", "bad_date_range"),
            ] {
                let response = try await client.execute(uri: uri, method: .get, headers: api)
                #expect(response.status == .badRequest, "\(uri)")
                #expect((response.json?["error"] as? [String: Any])?["code"] as? String == code, "\(uri)")
            }
            let page = try await client.execute(
                uri: "/reports?course=sample&to=31-12-2025", method: .get, headers: browser)
            #expect(page.status == .badRequest)
            #expect(page.text.contains("Ngày &quot;31-12-2025&quot; không hợp lệ"))
            let unknown = try await client.execute(uri: "/reports?course=khong-co", method: .get, headers: browser)
            #expect(unknown.status == .badRequest)
            #expect(unknown.text.contains("Không có khóa học &quot;khong-co&quot;"))
            let sort = try await client.execute(
                uri: "/reports?course=sample&sort=password", method: .get, headers: browser)
            #expect(sort.status == .badRequest)
        }
    }
}
