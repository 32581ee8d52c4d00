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
                    "href=\"/reports?district=Huy%E1%BB%87n%20M%E1%BB%99t&amp;commune=X%C3%A3%20A\""))
            #expect(staffHome.text.contains("href=\"/reports\">Báo cáo</a>"), "the nav links to the reports")
            #expect(!learnerHome.text.contains("class=\"dashboard\""))
            #expect(!learnerHome.text.contains("href=\"/reports\""))
        }
    }
}
