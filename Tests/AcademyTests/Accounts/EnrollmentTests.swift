import Foundation
import GRDB
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import Academy

@Suite struct EnrollmentTests {
    @Test func selfEnrolmentIsIdempotent() async throws {
        try await TestApp.withServices { services, client in
            let learner = try await People.make(services, "hocvien1")
            let headers = try await People.bearer(services, learner)
            let first = try await client.execute(
                uri: "/api/v1/courses/sample/enrollment", method: .post, headers: headers)
            #expect(first.status == .created)
            let second = try await client.execute(
                uri: "/api/v1/courses/sample/enrollment", method: .post, headers: headers)
            #expect(second.status == .ok)
            let list = try await client.execute(uri: "/api/v1/me/enrollments", method: .get, headers: headers)
            let items = try #require(
                try JSONSerialization.jsonObject(with: Data(buffer: list.body)) as? [[String: Any]])
            #expect(items.count == 1)
            #expect(items[0]["course"] as? String == "sample")
            #expect(items[0]["progress_percent"] as? Int == 0)
            #expect(
                (items[0]["quizzes"] as? [[String: Any]])?.map { $0["slug"] as? String } == ["bai-mot", "kiem-tra"])
        }
    }

    @Test func readingALessonCountsTowardsProgress() async throws {
        try await TestApp.withServices { services, client in
            let learner = try await People.make(services, "hocvien2")
            try await services.enrollments.enroll(userID: learner.id ?? 0, course: "sample", by: nil)
            let headers = try await People.browser(services, learner)
            _ = try await client.execute(uri: "/courses/sample/bai-mot", method: .get, headers: headers)
            let list = try await client.execute(uri: "/api/v1/me/enrollments", method: .get, headers: headers)
            let items = try #require(
                try JSONSerialization.jsonObject(with: Data(buffer: list.body)) as? [[String: Any]])
            // 1 of 2 lessons + 0 of 2 quizzes
            #expect(items.first?["progress_percent"] as? Int == 25)
            let home = try await client.execute(uri: "/", method: .get, headers: headers)
            #expect(home.text.contains("Khóa học của tôi"))
            #expect(home.text.contains("aria-valuenow=\"25\""))
            // the first module's lesson is read but its quiz is still to do, so "continue" leads to the quiz
            #expect(home.text.contains("class=\"button\" href=\"/courses/sample/bai-mot/quiz\""))
        }
    }

    @Test func trainerEnrolsAWholeCommuneIdempotently() async throws {
        try await TestApp.withServices { services, client in
            let trainer = try await People.make(services, "giangvien", role: .trainer)
            for index in 1...3 {
                try await People.make(services, "xa-a-\(index)", commune: "Xã A", district: "Huyện B")
            }
            try await People.make(services, "xa-c-1", commune: "Xã C", district: "Huyện B")
            let headers = People.formHeaders(try await People.browser(services, trainer))
            let form = People.form(["course": "sample", "scope": "commune", "commune": "Xã A"])
            let first = try await client.execute(uri: "/admin/enroll", method: .post, headers: headers, body: form)
            #expect(first.text.contains("Đã ghi danh 3 người mới; 0 người"))
            let again = try await client.execute(uri: "/admin/enroll", method: .post, headers: headers, body: form)
            #expect(again.text.contains("Đã ghi danh 0 người mới; 3 người"))
            #expect(!first.text.contains("name=\"group\""), "no place list, no groups to choose")
        }
    }

    @Test func trainerEnrolsAWholeGroupOfThePlaceList() async throws {
        try await TestApp.withServices(places: ReportFixture.smallList) { services, client in
            // given: Yên Hoa and Côn Lôn are in "Na Hang (cũ)", Thượng Lâm in "Lâm Bình (cũ)"; one commune on no list
            let trainer = try await People.make(services, "giangvien", role: .trainer)
            for (name, commune) in [
                ("yh-1", "Yên Hoa"), ("yh-2", "Yên Hoa"), ("cl-1", "Côn Lôn"), ("tl-1", "Thượng Lâm"),
                ("cu-1", "Xã Cũ Chưa Chuyển"),
            ] {
                try await People.make(services, name, commune: commune, district: "")
            }
            let headers = People.formHeaders(try await People.browser(services, trainer))
            // when
            let page = try await client.execute(uri: "/admin/enroll", method: .get, headers: headers)
            let group = try await client.execute(
                uri: "/admin/enroll", method: .post, headers: headers,
                body: People.form(["course": "sample", "scope": "group", "group": "Na Hang (cũ)"]))
            let none = try await client.execute(
                uri: "/admin/enroll", method: .post, headers: headers,
                body: People.form(["course": "sample", "scope": "group", "group": "(none)"]))
            // then: the form offers the groups with their learners, and each unit of the list by group
            #expect(page.text.contains("<option value=\"Na Hang (cũ)\">Na Hang (cũ) — 3</option>"))
            #expect(page.text.contains("<option value=\"(none)\">(không thuộc nhóm) — 1</option>"))
            #expect(page.text.contains("<optgroup label=\"Na Hang (cũ)\">"))
            #expect(page.text.contains("<option value=\"Tân Long\">Tân Long — 0</option>"), "units with nobody yet")
            #expect(page.text.contains("<option value=\"Xã Cũ Chưa Chuyển\">Xã Cũ Chưa Chuyển — 1</option>"))
            #expect(!page.text.contains("huyện") && !page.text.contains("Huyện"))
            #expect(group.text.contains("Đã ghi danh 3 người mới; 0 người"))
            #expect(none.text.contains("Đã ghi danh 1 người mới; 0 người"))
            let enrolled = try await services.database.writer.read { db in
                try String.fetchAll(
                    db,
                    sql: "SELECT u.username FROM enrollment e JOIN user u ON u.id = e.user_id ORDER BY u.username")
            }
            #expect(enrolled == ["cl-1", "cu-1", "yh-1", "yh-2"])
        }
    }

    @Test func aLearnerSeesOnlyTheirOwnData() async throws {
        try await TestApp.withServices { services, client in
            let one = try await People.make(services, "hocvien-mot")
            let two = try await People.make(services, "hocvien-hai")
            try await services.enrollments.enroll(userID: two.id ?? 0, course: "sample", by: nil)
            let mine = try await client.execute(
                uri: "/api/v1/me/enrollments", method: .get, headers: try await People.bearer(services, one))
            #expect(mine.text == "[]")
            let other = try await client.execute(
                uri: "/admin/users/\(two.id ?? 0)", method: .get, headers: try await People.browser(services, one))
            #expect(other.status == .forbidden)
        }
    }

    @Test func adminFindsPeopleWithoutDiacritics() async throws {
        try await TestApp.withServices { services, client in
            let admin = try await People.make(services, "quantri", role: .admin)
            try await People.make(services, "an01", name: "Nguyễn Văn An")
            try await People.make(services, "dung01", name: "Đỗ Thị Dung")
            let headers = try await People.browser(services, admin)
            let found = try await client.execute(uri: "/admin/users?q=nguyen+van+an", method: .get, headers: headers)
            #expect(found.text.contains("Nguyễn Văn An"))
            #expect(!found.text.contains("Đỗ Thị Dung"))
            let dung = try await client.execute(uri: "/admin/users?q=do%20dung", method: .get, headers: headers)
            #expect(dung.text.contains("Đỗ Thị Dung"))
        }
    }

    @Test func adminResetsAPasswordShownOnce() async throws {
        try await TestApp.withServices { services, client in
            let admin = try await People.make(services, "quantri2", role: .admin)
            let learner = try await People.make(services, "hocvien3")
            let headers = People.formHeaders(try await People.browser(services, admin))
            let unconfirmed = try await client.execute(
                uri: "/admin/users/\(learner.id ?? 0)/password", method: .post, headers: headers, body: People.form([:])
            )
            #expect(unconfirmed.status == .badRequest)
            let response = try await client.execute(
                uri: "/admin/users/\(learner.id ?? 0)/password", method: .post, headers: headers,
                body: People.form(["confirm": "1"]))
            #expect(response.status == .seeOther)
            let location = try #require(response.headers[.location])
            let shown = try await client.execute(uri: location, method: .get, headers: headers)
            let text = shown.text
            let start = try #require(text.range(of: "<code class=\"big\">"))
            let password = String(text[start.upperBound...].prefix(12))
            #expect(
                try await services.accounts.authenticate(username: "hocvien3", password: password)?.mustChangePassword
                    == true)
            #expect(try await services.accounts.authenticate(username: "hocvien3", password: People.password) == nil)
            // shown once: reloading the page does not show it again (and does not reset again)
            let reloaded = try await client.execute(uri: location, method: .get, headers: headers)
            #expect(!reloaded.text.contains(password))
        }
    }
}

/// The lesson page is cached in parts and its view is written once per reload burst; neither may show one
/// person's page to another or lose where a learner is.
@Suite struct LessonPageTests {
    func views(_ services: AppServices) async throws -> [Row] {
        try await services.database.writer.read { db in
            try Row.fetchAll(
                db, sql: "SELECT module_slug, first_opened_at, last_opened_at FROM lesson_view ORDER BY module_slug")
        }
    }

    @Test func reloadsWriteOnceAndOpeningAnotherLessonIsWrittenAtOnce() async throws {
        let services = try await TestApp.services()
        let user = try await People.make(services, "hocvien")
        let id = try #require(user.id)
        let store = services.enrollments
        let start = Date()
        // not enrolled: nothing written
        try await store.recordLessonViewIfEnrolled(userID: id, course: "sample", module: "bai-mot", now: start)
        #expect(try await views(services).isEmpty)
        try await store.enroll(userID: id, course: "sample", by: nil)
        try await store.recordLessonViewIfEnrolled(userID: id, course: "sample", module: "bai-mot", now: start)
        // a reload a minute later writes nothing
        try await store.recordLessonViewIfEnrolled(userID: id, course: "sample", module: "bai-mot", now: start + 60)
        var rows = try await views(services)
        #expect(rows.count == 1)
        #expect((rows[0]["last_opened_at"] as Date?).map { abs($0.timeIntervalSince(start)) < 0.01 } == true)
        // another lesson, then back: both written at once, so "continue" knows the latest
        try await store.recordLessonViewIfEnrolled(userID: id, course: "sample", module: "bai-hai", now: start + 70)
        try await store.recordLessonViewIfEnrolled(userID: id, course: "sample", module: "bai-mot", now: start + 80)
        rows = try await views(services)
        #expect(rows.count == 2)
        let latest = rows.max { ($0["last_opened_at"] as Date) < ($1["last_opened_at"] as Date) }
        #expect(latest?["module_slug"] as String? == "bai-mot")
        // after the interval a reload is written again
        try await store.recordLessonViewIfEnrolled(userID: id, course: "sample", module: "bai-mot", now: start + 500)
        rows = try await views(services)
        #expect(
            rows.contains {
                ($0["last_opened_at"] as Date?).map { abs($0.timeIntervalSince(start + 500)) < 0.01 } == true
            })
    }

    @Test func theCachedLessonShowsEachReaderTheirOwnPage() async throws {
        try await TestApp.withServices { services, client in
            let an = try await People.make(services, "an", name: "Nguyễn Văn An")
            let binh = try await People.make(services, "binh", name: "Trần Thị Bình")
            let first = try await client.execute(
                uri: "/courses/sample/bai-mot", method: .get, headers: try await People.browser(services, an))
            let second = try await client.execute(
                uri: "/courses/sample/bai-mot", method: .get, headers: try await People.browser(services, binh))
            let english = try await client.execute(uri: "/courses/sample/bai-mot?lang=en", method: .get)
            #expect(first.status == .ok && second.status == .ok && english.status == .ok)
            #expect(first.text.contains("Nguyễn Văn An") && !first.text.contains("Trần Thị Bình"))
            #expect(second.text.contains("Trần Thị Bình") && !second.text.contains("Nguyễn Văn An"))
            #expect(first.text.contains("Bài một"))
            // the lesson part is rendered once per language: English labels around the same lesson
            #expect(english.text.contains("<html lang=\"en\""))
            #expect(!english.text.contains("Nguyễn Văn An"))
            #expect(english.text.contains("Lesson one"))
        }
    }
}
