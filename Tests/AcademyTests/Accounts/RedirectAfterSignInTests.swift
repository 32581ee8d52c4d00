import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import Academy

/// `next` after sign-in never leads a browser to another site (issue 13, point 8).
@Suite struct RedirectAfterSignInTests {
    /// Targets a browser would follow off-site: tabs and newlines are removed, backslashes are slashes, and
    /// leading or trailing controls and spaces are trimmed before the URL is parsed.
    static let offSite = [
        "/\t/evil.example", "/\n/evil.example", "/\r/evil.example", "/\r\n/evil.example", "\t//evil.example",
        "/\\evil.example", "\\/evil.example", "\\\\evil.example", "/\\/evil.example", " //evil.example",
        "\u{0}//evil.example", "\u{1f}//evil.example", "//evil.example\u{0}", "/.//evil.example", "/./\\evil.example",
        "/../evil.example", "///evil.example", "https://evil.example", "http:evil.example", "evil.example",
        "javascript:alert(1)", "/\u{0b}/evil.example", "", "/%2F/evil.example", "/%5Cevil.example",
    ]

    @Test(arguments: offSite) func aTargetThatLeavesTheSiteIsReplacedByHome(_ next: String) {
        #expect(SessionController.safeNext(next) == "/")
    }

    @Test func ordinaryPathsAreKept() {
        for next in ["/", "/courses/sample", "/courses/sample/bai-mot?tab=2", "/reports?page=2&course=a#top"] {
            #expect(SessionController.safeNext(next) == next)
        }
    }

    @Test func theReportedBypassGivesALocationOnThisSite() async throws {
        try await TestApp.withServices { services, client in
            // given
            try await People.make(services, "canbo30")
            let body =
                "username=canbo30&password=\(People.password)&next=%2F%09%2Fevil.example&_csrf=\(People.anonymousToken)"
            // when
            let response = try await client.execute(
                uri: "/login", method: .post,
                headers: [.cookie: "csrf=\(People.csrf)", .contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: body))
            // then
            #expect(response.status == .seeOther)
            #expect(response.headers[.location] == "/")
        }
    }

    @Test func theSignInPageDoesNotCarryABadTargetIntoItsForm() async throws {
        try await TestApp.test { client in
            let page = try await client.execute(uri: "/login?next=%2F%09%2Fevil.example", method: .get)
            #expect(page.status == .ok)
            #expect(BrowserForm.fields(page.text)["next"] == "/")
        }
    }
}
