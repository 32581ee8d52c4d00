import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import Academy

/// The report pages as trainers and HR use them: drill-down, sorting, CSV export, print view, per-quiz results.
@Suite struct ReportPageTests {
    /// The text between `<tbody>` and `</tbody>`: the rows, without headings or filters.
    func body(_ html: String) -> String {
        guard let start = html.range(of: "<tbody>"), let end = html.range(of: "</tbody>") else { return "" }
        return String(html[start.upperBound..<end.lowerBound])
    }

    @Test func drillsDownFromGroupsToCommunesToPeople() async throws {
        try await TestApp.withServices(places: ReportFixture.smallList) { services, client in
            // given: the small place list; one learner on no list
            try await ReportFixture.build(services, communes: ReportFixture.grouped)
            let old = try await People.make(services, "cu", commune: "Xã Cũ Chưa Chuyển", district: "")
            try await services.enrollments.enroll(userID: old.id ?? 0, course: "sample", by: nil)
            let headers = try await People.browser(services, try await People.make(services, "nhansu", role: .hr))
            // when
            let province = try await client.execute(uri: "/reports", method: .get, headers: headers)
            let group = try await client.execute(
                uri: "/reports?course=sample&group=Na%20Hang%20%28c%C5%A9%29", method: .get, headers: headers)
            let commune = try await client.execute(
                uri: "/reports?course=sample&group=Na%20Hang%20%28c%C5%A9%29&commune=Y%C3%AAn%20Hoa", method: .get,
                headers: headers)
            let noGroup = try await client.execute(
                uri: "/reports?course=sample&group=%28none%29", method: .get, headers: headers)
            // then: province → group → commune → person, and "(no group)" drills down like any other
            #expect(province.status == .ok)
            #expect(body(province.text).contains("href=\"/reports?course=sample&amp;group=Na%20Hang%20%28c%C5%A9%29\""))
            #expect(body(province.text).contains("Lâm Bình (cũ)"))
            #expect(body(province.text).contains(">(không thuộc nhóm)</a>"))
            #expect(body(province.text).contains("href=\"/reports?course=sample&amp;group=%28none%29\""))
            #expect(!province.text.contains("Huyện"), "no district anywhere on the page")
            #expect(body(group.text).contains("Yên Hoa") && body(group.text).contains("Côn Lôn"))
            #expect(!body(group.text).contains("Thượng Lâm"))
            #expect(body(group.text).contains("group=Na%20Hang%20%28c%C5%A9%29&amp;commune=Y%C3%AAn%20Hoa"))
            #expect(
                group.text.contains(
                    "<li><a href=\"/reports?course=sample&amp;group=Na%20Hang%20%28c%C5%A9%29\">Na Hang (cũ)</a></li>"),
                "breadcrumbs: Toàn tỉnh › group")
            let people = body(commune.text)
            #expect(people.contains("Người an") && people.contains("Người dung") && !people.contains("Người hai"))
            #expect(people.contains("Chưa bắt đầu") && people.contains("Đang học") && people.contains("Đã hoàn thành"))
            #expect(commune.text.contains("4 người: 2 đang học, 1 đã hoàn thành, 1 đã cấp chứng nhận"))
            #expect(
                commune.text.contains(
                    ">Toàn tỉnh</a></li><li><a href=\"/reports?course=sample&amp;group=Na%20Hang%20%28c%C5%A9%29\">Na Hang (cũ)</a></li><li>"
                ))
            #expect(body(noGroup.text).contains("Xã Cũ Chưa Chuyển") && !body(noGroup.text).contains("Yên Hoa"))
        }
    }

    @Test func theDeprecatedDistrictFilterStillNarrowsThePage() async throws {
        try await TestApp.withServices { services, client in
            // given: no place list, so the report starts at communes
            try await ReportFixture.build(services)
            let headers = try await People.browser(services, try await People.make(services, "nhansu", role: .hr))
            // when
            let province = try await client.execute(uri: "/reports?course=sample", method: .get, headers: headers)
            let district = try await client.execute(
                uri: "/reports?course=sample&district=Huy%E1%BB%87n%20M%E1%BB%99t", method: .get, headers: headers)
            // then
            #expect(body(province.text).contains("Xã C") && !province.text.contains("level=group"), "no groups offered")
            #expect(body(district.text).contains("Xã A") && body(district.text).contains("Xã B"))
            #expect(!body(district.text).contains("Xã C"))
            #expect(district.text.contains("<input type=\"hidden\" name=\"district\""), "the form keeps it")
        }
    }

    @Test func columnsSortBothWays() async throws {
        try await TestApp.withServices { services, client in
            // given
            try await ReportFixture.build(services)
            let headers = try await People.browser(services, try await People.make(services, "gv", role: .trainer))
            // when
            let ascending = try await client.execute(
                uri: "/reports?course=sample&level=commune&sort=enrolled", method: .get, headers: headers)
            let descending = try await client.execute(
                uri: "/reports?course=sample&level=commune&sort=enrolled&dir=desc", method: .get, headers: headers)
            // then: Xã C (1) < Xã B (2) < Xã A (4)
            let up = body(ascending.text)
            let down = body(descending.text)
            #expect(try #require(up.range(of: "Xã C")).lowerBound < (try #require(up.range(of: "Xã A")).lowerBound))
            #expect(try #require(down.range(of: "Xã A")).lowerBound < (try #require(down.range(of: "Xã C")).lowerBound))
            #expect(ascending.text.contains("aria-sort=\"ascending\""))
            #expect(ascending.text.contains("sort=enrolled&amp;dir=desc"), "the sorted column links to the other way")
            let arrows = ["▲", "▼"].map {
                ascending.text.components(separatedBy: "aria-hidden=\"true\">\($0)").count - 1
            }
            #expect(arrows.reduce(0, +) == 1, "one arrow, on that column")
        }
    }

    @Test func csvHasABOMAndQuotesNamesWithCommasAndQuotes() async throws {
        try await TestApp.withServices { services, client in
            // given: a commune and a person whose names need quoting
            let learner = try await People.make(
                services, "tricky", name: "Trần \"Bé\", Văn", commune: "Xã Đông, Tây", district: "Huyện Một")
            try await services.enrollments.enroll(
                userID: learner.id ?? 0, course: "sample", by: nil)
            let headers = try await People.browser(services, try await People.make(services, "nhansu", role: .hr))
            // when
            let communes = try await client.execute(
                uri: "/reports.csv?course=sample&level=commune", method: .get, headers: headers)
            let people = try await client.execute(
                uri: "/reports.csv?course=sample&level=person", method: .get, headers: headers)
            var asking = headers
            asking[.accept] = "text/csv"
            let api = try await client.execute(
                uri: "/api/v1/reports/completion?course=sample&group_by=commune", method: .get, headers: asking)
            // then
            for response in [communes, people, api] {
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/csv; charset=utf-8")
                #expect(Array(response.body.readableBytesView.prefix(3)) == [0xEF, 0xBB, 0xBF], "UTF-8 BOM")
            }
            #expect(communes.text.contains("\r\n,\"Xã Đông, Tây\",1,0,0,0,0.0\r\n"), "no group: an empty group")
            #expect(people.text.contains("\"Trần \"\"Bé\"\", Văn\",tricky"))
            #expect(people.headers[.contentDisposition]?.contains("completion-sample-person.csv") == true)
            #expect(api.text.hasPrefix("\u{FEFF}group,commune,enrolled,in_progress,completed,certified\r\n"))
        }
    }

    @Test func csvDefusesSpreadsheetFormulas() {
        // given / when
        let csv = CSVWriter.text(header: ["name"], rows: [["=HYPERLINK(\"http://x\")"], ["@SUM(A1)"], ["An"]])
        // then
        #expect(csv == "\u{FEFF}name\r\n\"'=HYPERLINK(\"\"http://x\"\")\"\r\n'@SUM(A1)\r\nAn\r\n")
    }

    @Test func printViewIsHeadedWithIssuerCourseAndDate() async throws {
        try await TestApp.withServices { services, client in
            // given
            try await ReportFixture.build(services)
            let headers = try await People.browser(services, try await People.make(services, "nhansu", role: .hr))
            // when
            let page = try await client.execute(
                uri: "/reports/print?course=sample&from=2024-01-01&to=2025-12-31", method: .get, headers: headers)
            let undated = try await client.execute(uri: "/reports/print?course=sample", method: .get, headers: headers)
            // then
            #expect(page.status == .ok)
            #expect(page.text.contains("class=\"report-issuer\">\(services.config.issuerName)<"))
            #expect(page.text.contains("Khóa mẫu"))
            #expect(page.text.contains("Ngày lập báo cáo: \(DateText.day(Date(), .vi))"))
            #expect(page.text.contains("Ghi danh từ 01/01/2024 đến 31/12/2025"))
            #expect(!page.text.contains("<form method=\"get\""), "no filter form on paper")
            #expect(undated.text.contains("<p>Các xã trong tỉnh</p>"), "no period, and no separator left for it")
        }
    }

    @Test func quizReportShowsBestScoreAndAttempts() async throws {
        try await TestApp.withServices { services, client in
            // given: cuong failed once, then passed with 85%
            let people = try await ReportFixture.build(services)
            try await services.database.writer.write { db in
                try db.execute(
                    sql: """
                        INSERT INTO attempt (id, user_id, course_slug, module_slug, content_version, number,
                            layout_json,
                            started_at, submitted_at, percent, passed)
                        VALUES ('second', ?, 'sample', 'kiem-tra', 'v-test', 2, '{}', ?, ?, 85, 1)
                        """, arguments: [people["cuong"]?.id, ReportFixture.recent, ReportFixture.recent])
            }
            let headers = try await People.browser(services, try await People.make(services, "gv", role: .trainer))
            // when
            let csv = try await client.execute(
                uri: "/reports/quiz.csv?course=sample&quiz=kiem-tra&commune=X%C3%A3%20A", method: .get, headers: headers
            )
            let page = try await client.execute(
                uri: "/reports/quiz?course=sample&quiz=kiem-tra", method: .get, headers: headers)
            let missing = try await client.execute(
                uri: "/reports/quiz?course=sample&quiz=bai-hai", method: .get, headers: headers)
            // then
            #expect(csv.text.contains(",Xã A,Người cuong,cuong,85.0,2,Có,"))
            #expect(csv.text.contains(",Xã A,Người dung,dung,,0,Chưa,\r\n"))
            #expect(csv.text.hasPrefix("\u{FEFF}Nhóm,Xã,"))
            #expect(page.status == .ok)
            #expect(page.text.contains("7 người đã ghi danh, 4 người đã đạt"))
            #expect(missing.status == .badRequest)
        }
    }
}
