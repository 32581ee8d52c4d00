import Foundation
import HummingbirdTesting
import Testing

@testable import Academy

/// The dashboard on the home pages of trainers, HR and admins.
@Suite struct DashboardTests {
    @Test func figuresCountLearnersCompletionCertificatesAndLaggingCommunes() async throws {
        // given
        let services = try await TestApp.services()
        try await ReportFixture.build(services)
        // when: in March 2025, the month the fixture's certificates were issued
        let figures = try await Dashboard(database: services.database)
            .figures(services.catalog.snapshot, now: ReportFixture.recent)
        // then
        #expect(figures.learners == 8)
        #expect(figures.counts == CompletionCounts(enrolled: 7, inProgress: 3, completed: 3, certified: 2))
        #expect(figures.certificatesThisMonth == 3, "revoked later or not, three were issued that month")
        #expect(figures.behind.map { $0.commune ?? "" } == ["Xã A", "Xã B", "Xã C"])
    }

    @Test func laggingCommunesNameTheirGroupNotADistrict() async throws {
        try await TestApp.withServices(places: ReportFixture.smallList) { services, client in
            // given: the fixture in units of the small place list
            try await ReportFixture.build(services, communes: ReportFixture.grouped)
            let hr = try await People.browser(services, try await People.make(services, "nhansu", role: .hr))
            // when
            let figures = try await Dashboard(database: services.database, places: services.places)
                .figures(services.catalog.snapshot, now: ReportFixture.recent)
            let home = try await client.execute(uri: "/", method: .get, headers: hr)
            // then
            #expect(figures.behind.map(\.group) == ["Na Hang (cũ)", "Na Hang (cũ)", "Lâm Bình (cũ)"])
            #expect(home.text.contains("Y%C3%AAn%20Hoa\">Yên Hoa</a> <span class=\"meta\">(Na Hang (cũ))</span>"))
            #expect(!home.text.contains("Huyện"))
        }
    }

    @Test func staffSeeTheDashboardAndLearnersDoNot() async throws {
        try await TestApp.withServices { services, client in
            // given
            try await ReportFixture.build(services)
            let hr = try await People.browser(services, try await People.make(services, "nhansu", role: .hr))
            let learner = try await People.browser(services, try await People.make(services, "hocvien"))
            // when
            let staffHome = try await client.execute(uri: "/", method: .get, headers: hr)
            let learnerHome = try await client.execute(uri: "/", method: .get, headers: learner)
            // then
            #expect(staffHome.text.contains("class=\"dashboard\""))
            #expect(staffHome.text.contains("42,9\u{00A0}%"), "3 of 7 enrolments completed")
            #expect(
                staffHome.text.contains(
                    "href=\"/reports?commune=X%C3%A3%20A\""))
            #expect(staffHome.text.contains("href=\"/reports\">Báo cáo</a>"), "the nav links to the reports")
            #expect(!learnerHome.text.contains("class=\"dashboard\""))
            #expect(!learnerHome.text.contains("href=\"/reports\""))
        }
    }
}
