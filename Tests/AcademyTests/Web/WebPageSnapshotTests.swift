import Testing

@testable import Academy

/// Golden files of the frame every page shares, seen through the error page: the layout for a visitor and each role
/// (the top bar differs), in both languages.
@Suite struct WebPageSnapshotTests {
    @Test func errorPageForEveryReader() async throws {
        let snapshots = try await PageSnapshots.make()
        snapshots.check("web/error-404", path: "/courses/khong-co", roles: PageSnapshots.everyone, status: 404) {
            strings, language in
            ErrorPage(
                title: strings.text("error_title_404", language),
                message: strings.text("error.course_not_found", language, ["khong-co"]))
        }
    }

    /// What a reader typed is escaped wherever the layout shows it.
    @Test func theLayoutEscapesTheTitleAndTheName() async throws {
        let snapshots = try await PageSnapshots.make()
        let viewer = Viewer(
            language: .vi, person: .init(name: "An <b>\"O'Neil\"</b> & Bình", role: .learner), csrfToken: "t\"<>",
            path: "/a", query: "x=<script>&lang=en")
        let html = snapshots.pages.html(ErrorPage(title: "<i>tiêu đề</i>", message: "m"), for: viewer)
        #expect(html.contains("<title>&lt;i&gt;tiêu đề&lt;/i&gt; · "))
        #expect(html.contains("An &lt;b&gt;&quot;O&#39;Neil&quot;&lt;/b&gt; &amp; Bình"))
        #expect(html.contains("value=\"t&quot;&lt;&gt;\""))
        #expect(html.contains("href=\"/a?x=&lt;script&gt;&amp;lang=en\""))
        #expect(!html.contains("<script>"))
    }
}
