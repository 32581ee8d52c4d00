import Foundation
import Hummingbird
import Testing

@testable import Academy

/// The layout is filled in from a plan made once per variant; it must give exactly what Mustache gives.
@Suite struct LayoutPlanTests {
    @Test(arguments: [Role?.none, .learner, .trainer, .hr, .admin])
    func aPlanFilledInEqualsMustachesOwnRendering(role: Role?) async throws {
        let services = try await TestApp.services()
        let pages = services.pages
        var user = User(username: "an", fullName: "An <b>\"O'Neil\"</b> & Cô Bình", role: role ?? .learner, passwordHash: "x")
        user.id = 1
        for language in [Language.vi, .en] {
            for noindex in [false, true] {
                let signedIn = role != nil
                var data: [String: Any] = [
                    "lang": language.rawValue, "otherLang": language == .vi ? "en" : "vi", "t": pages.strings.table(language),
                    "stylesheet": pages.stylesheet, "noindex": noindex,
                    "nav": Navigation.links(for: signedIn ? user : nil, strings: pages.strings, language: language),
                ]
                var markers = data
                for hole in LayoutPlans.Hole.allCases where signedIn || !hole.needsUser {
                    markers[hole.rawValue] = LayoutPlans.marker(hole)
                }
                var values: [LayoutPlans.Hole: String] = [
                    .title: "Bài 1 <mở đầu> & \"tổng quan\"", .body: "<article><p>Nội dung & 'HTML'</p></article>",
                    .csrf: "tok'en\"&<>", .switchLanguageURL: "/courses/a?lang=en",
                ]
                if signedIn {
                    values[.userName] = user.fullName
                    values[.signedInAs] = "Đăng nhập: \(user.fullName)"
                }
                for (hole, value) in values { data[hole.rawValue] = value }
                let expected = try #require(pages.library.render(data, withTemplate: "layout"))
                let plan = LayoutPlans.plan(from: try #require(pages.library.render(markers, withTemplate: "layout")))
                let filled = String(buffer: plan.fill(values))
                #expect(filled == expected, "\(language) \(String(describing: role)) noindex=\(noindex)")
            }
        }
    }

    @Test func theLanguageSwitchKeepsTheRestOfTheQuery() async throws {
        #expect(PageRenderer.switchLanguageURL(path: "/reports", query: "course=a&district=B%C3%A0&lang=vi", to: .en)
            == "/reports?course=a&district=B%C3%A0&lang=en")
        #expect(PageRenderer.switchLanguageURL(path: "/courses/x", query: nil, to: .vi) == "/courses/x?lang=vi")
        #expect(PageRenderer.switchLanguageURL(path: "/", query: "lang&page=2", to: .en) == "/?page=2&lang=en")
        try await TestApp.test { client in
            let page = try await client.execute(uri: "/courses/sample?x=%22%3E&lang=vi", method: .get)
            #expect(page.text.contains("href=\"/courses/sample?x=%22%3E&amp;lang=en\""))
        }
    }

    @Test func aSignedInPageEscapesTheName() async throws {
        try await TestApp.withServices { services, client in
            let user = try await People.make(services, "an", name: "An <script>alert(1)</script>")
            let page = try await client.execute(
                uri: "/courses/sample/bai-mot", method: .get, headers: try await People.browser(services, user))
            #expect(page.status == .ok)
            #expect(!page.text.contains("<script>alert(1)</script>"))
            #expect(page.text.contains("An &lt;script&gt;alert(1)&lt;/script&gt;"))
        }
    }
}
