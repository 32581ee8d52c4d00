import Foundation
import GRDB
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import Academy

/// CSV files keep machine-readable values whatever the page's language, and their headings say how (issue 16):
/// days `YYYY-MM-DD`, instants ISO 8601 with Vietnam's offset, decimals with a point, no thousands separator.
@Suite struct CSVHeadingTests {
    /// 2025-03-15 12:00 in Vietnam.
    static let noon = Date(timeIntervalSince1970: 1_742_014_800)

    @Test func reportAndQuizCSVsDocumentTheirMachineReadableColumns() async throws {
        try await TestApp.withServices { services, client in
            // given a learner who scored 62.5 % on the final test
            let learner = try await People.make(services, "hocvien")
            try await services.enrollments.enroll(userID: learner.id ?? 0, course: "sample", by: nil)
            try await services.database.writer.write { db in
                try db.execute(
                    sql: """
                        INSERT INTO quiz_version (course_slug, module_slug, content_version, quiz_json, created_at)
                        VALUES ('sample', 'kiem-tra', 'v-test', '{}', ?)
                        """, arguments: [Self.noon])
                try db.execute(
                    sql: """
                        INSERT INTO attempt (id, user_id, course_slug, module_slug, content_version, number,
                            layout_json, started_at, submitted_at, percent, passed)
                        VALUES ('a1', ?, 'sample', 'kiem-tra', 'v-test', 1, '{}', ?, ?, 62.5, 0)
                        """, arguments: [learner.id, Self.noon, Self.noon])
            }
            let headers = try await People.browser(services, try await People.make(services, "nhansu", role: .hr))
            func get(_ uri: String) async throws -> String {
                try await client.execute(uri: uri, method: .get, headers: headers).text
            }
            // when
            let people = try await get("/reports.csv?course=sample&level=person")
            let groups = try await get("/reports.csv?course=sample&level=commune")
            let quiz = try await get("/reports/quiz.csv?course=sample&quiz=kiem-tra")
            let quizEnglish = try await get("/reports/quiz.csv?course=sample&quiz=kiem-tra&lang=en")
            let page = try await get("/reports?course=sample&level=person")
            // then each heading says how its column is written; the values are for programs
            let header = { (csv: String) in String(csv.split(separator: "\r\n").first ?? "") }
            #expect(header(people).contains("Ngày ghi danh (năm-tháng-ngày)"))
            #expect(people.contains(Timestamp.day(Date())), "the day enrolled, as YYYY-MM-DD")
            #expect(header(groups).contains("Tỉ lệ hoàn thành (%, dấu chấm thập phân)"))
            #expect(groups.contains(",0.0\r\n"), "a point, whatever the language")
            #expect(header(quiz).contains("\"Điểm cao nhất (%, dấu chấm thập phân)\""), "quoted: it holds a comma")
            #expect(header(quiz).contains("\"Lần nộp gần nhất (ISO 8601, giờ Việt Nam)\""))
            #expect(quiz.contains(",62.5,1,Chưa,2025-03-15T12:00:00+07:00\r\n"))
            #expect(header(quizEnglish).contains("\"Best score (%, decimal point)\""))
            #expect(quizEnglish.contains(",62.5,1,No,2025-03-15T12:00:00+07:00\r\n"))
            // while the page keeps its plain headings
            #expect(page.contains("Ngày ghi danh") && !page.contains("năm-tháng-ngày"))
        }
    }
}
