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
                    row.commune ?? row.district,
                    [row.counts.enrolled, row.counts.inProgress, row.counts.completed, row.counts.certified]
                )
            })
    }

    @Test func countsByDistrictAndCommuneMatchTheFixture() async throws {
        // given
        let services = try await TestApp.services()
        try await ReportFixture.build(services)
        let report = CompletionReport(database: services.database)
        // when
        let districts = try await report.groups(try course(services), ReportFilter(course: "sample"), by: .district)
        let communes = try await report.groups(try course(services), ReportFilter(course: "sample"), by: .commune)
        // then: enrolled, in progress, completed, certified
        #expect(counts(districts) == ["Huyện Một": [6, 3, 2, 1], "Huyện Hai": [1, 0, 1, 1]])
        #expect(counts(communes) == ["Xã A": [4, 2, 1, 1], "Xã B": [2, 1, 1, 0], "Xã C": [1, 0, 1, 1]])
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
        let both = try await report.groups(everyQuiz, ReportFilter(course: "sample"), by: .district)
        let none = try await report.groups(noQuiz, ReportFilter(course: "sample"), by: .district)
        // then: only `an` passed both quizzes, as the learner's own progress card would say
        #expect(counts(both)["Huyện Một"]?[2] == 1)
        #expect(counts(both)["Huyện Hai"]?[2] == 0)
        #expect(none.map(\.counts.completed) == [0, 0])
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
            sample, ReportFilter(course: "sample", period: try ReportPeriod(from: nil, to: "2024-01-10")), by: .district
        )
        let commune = try await report.groups(sample, ReportFilter(course: "sample", commune: "Xã B"), by: .commune)
        let nothing = try await report.groups(
            sample, ReportFilter(course: "sample", period: try ReportPeriod(from: "2024-01-11", to: "2025-03-14")),
            by: .district)
        // then: `to` includes its whole day, in Vietnam's time
        #expect(counts(recent) == ["Huyện Một": [6, 3, 2, 1]])
        #expect(counts(older) == ["Huyện Hai": [1, 0, 1, 1]])
        #expect(counts(commune) == ["Xã B": [2, 1, 1, 0]])
        #expect(nothing.isEmpty)
    }

    @Test func apiGivesTheShapeOfAPIMarkdown() async throws {
        try await TestApp.withServices { services, client in
            // given
            try await ReportFixture.build(services)
            let hr = try await People.make(services, "nhansu", role: .hr)
            let headers = try await People.bearer(services, hr)
            // when
            let byDistrict = try await client.execute(
                uri: "/api/v1/reports/completion?course=sample", method: .get, headers: headers)
            let byCommune = try await client.execute(
                uri: "/api/v1/reports/completion?course=sample&group_by=commune&district=Huy%E1%BB%87n%20M%E1%BB%99t",
                method: .get, headers: headers)
            // then
            #expect(byDistrict.status == .ok)
            let districts = try #require(
                try JSONSerialization.jsonObject(with: Data(buffer: byDistrict.body)) as? [[String: Any]])
            #expect(districts.count == 2)
            let one = try #require(districts.first { $0["district"] as? String == "Huyện Một" })
            #expect(one["enrolled"] as? Int == 6 && one["completed"] as? Int == 2 && one["certified"] as? Int == 1)
            #expect(one["in_progress"] as? Int == 3)
            #expect(one["commune"] == nil, "no commune key when grouped by district")
            let communes = try #require(
                try JSONSerialization.jsonObject(with: Data(buffer: byCommune.body)) as? [[String: Any]])
            #expect(communes.map { $0["commune"] as? String } == ["Xã A", "Xã B"])
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
