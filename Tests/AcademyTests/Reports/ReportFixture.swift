import Foundation
import GRDB

@testable import Academy

/// A small province with known numbers, written straight to the database, for the report tests.
///
/// Course `sample` (the certificate requires the quiz `kiem-tra`):
///
/// | district  | commune | person | state                                                     |
/// |-----------|---------|--------|-----------------------------------------------------------|
/// | Huyện Một | Xã A    | an     | passed kiem-tra, valid certificate → completed, certified |
/// | Huyện Một | Xã A    | binh   | opened a lesson → in progress                             |
/// | Huyện Một | Xã A    | cuong  | failed kiem-tra → in progress                             |
/// | Huyện Một | Xã A    | dung   | nothing yet → not started                                 |
/// | Huyện Một | Xã B    | hai    | passed kiem-tra, certificate revoked → completed          |
/// | Huyện Một | Xã B    | hung   | passed only bai-mot (not required) → in progress          |
/// | Huyện Hai | Xã C    | khanh  | enrolled 2024-01-10; passed, certified                    |
/// | Huyện Hai | Xã C    | long   | not enrolled in `sample` (enrolled in another course)     |
enum ReportFixture {
    /// 2025-03-15 12:00 in Vietnam; `khanh` was enrolled on 2024-01-10.
    static let recent = Date(timeIntervalSince1970: 1_742_014_800)
    static let earlier = Date(timeIntervalSince1970: 1_704_870_000)

    /// With `communes`, people live in the named communes instead of "Xã A", "Xã B", "Xã C" (e.g. units of a place
    /// list: `grouped`).
    @discardableResult
    static func build(_ services: AppServices, communes: [String: String] = [:]) async throws -> [String: User] {
        var people: [String: User] = [:]
        let places = [
            ("an", "Huyện Một", "Xã A"), ("binh", "Huyện Một", "Xã A"), ("cuong", "Huyện Một", "Xã A"),
            ("dung", "Huyện Một", "Xã A"), ("hai", "Huyện Một", "Xã B"), ("hung", "Huyện Một", "Xã B"),
            ("khanh", "Huyện Hai", "Xã C"), ("long", "Huyện Hai", "Xã C"),
        ]
        for (username, district, commune) in places {
            people[username] = try await People.make(
                services, username, commune: communes[commune] ?? commune, district: district)
        }
        let ids = people.mapValues { $0.id ?? 0 }
        let id = { @Sendable (name: String) in ids[name] ?? 0 }
        let kid = try services.keys.signingKey().kid
        try await services.database.writer.write { db in
            for module in ["bai-mot", "kiem-tra"] {
                try db.execute(
                    sql: """
                        INSERT INTO quiz_version (course_slug, module_slug, content_version, quiz_json, created_at)
                        VALUES ('sample', ?, 'v-test', '{}', ?)
                        """, arguments: [module, recent])
            }
            for name in ["an", "binh", "cuong", "dung", "hai", "hung"] { try enroll(db, id(name), at: recent) }
            try enroll(db, id("khanh"), at: earlier)
            try enroll(db, id("long"), course: "another-course", at: recent)
            try db.execute(
                sql: """
                    INSERT INTO lesson_view (user_id, course_slug, module_slug, first_opened_at, last_opened_at)
                    VALUES (?, 'sample', 'bai-mot', ?, ?)
                    """, arguments: [id("binh"), recent, recent])
            for (name, module, passed) in [
                ("an", "kiem-tra", true), ("cuong", "kiem-tra", false), ("hai", "kiem-tra", true),
                ("hung", "bai-mot", true), ("khanh", "kiem-tra", true),
            ] {
                try attempt(db, id(name), module: module, passed: passed)
            }
            for (name, revoked) in [("an", false), ("hai", true), ("khanh", false)] {
                try db.execute(
                    sql: """
                        INSERT INTO certificate (code, user_id, course_slug, content_version, holder_name, course_title,
                            issued_at, kid, jwt, revoked_at)
                        VALUES (?, ?, 'sample', 'v-test', ?, 'Khóa mẫu', ?, ?, 'x.y.z', ?)
                        """,
                    arguments: ["CODE-\(name)", id(name), name, recent, kid, revoked ? recent : nil])
            }
        }
        return people
    }

    /// Units of the small place list (`places/small`): A and B are in the group "Na Hang (cũ)", C in
    /// "Lâm Bình (cũ)", so the groups count as the districts do.
    static let grouped = ["Xã A": "Yên Hoa", "Xã B": "Côn Lôn", "Xã C": "Thượng Lâm"]
    static let smallList = Fixtures.path("places/small")

    static func enroll(_ db: Database, _ userID: Int64, course: String = "sample", at date: Date) throws {
        try db.execute(
            sql: "INSERT INTO enrollment (user_id, course_slug, enrolled_at) VALUES (?, ?, ?)",
            arguments: [userID, course, date])
    }

    static func attempt(_ db: Database, _ userID: Int64, module: String, passed: Bool) throws {
        try db.execute(
            sql: """
                INSERT INTO attempt (id, user_id, course_slug, module_slug, content_version, number, layout_json,
                    started_at, submitted_at, score, max_score, percent, passed)
                VALUES (?, ?, 'sample', ?, 'v-test', 1, '{"items":[]}', ?, ?, ?, 10, ?, ?)
                """,
            arguments: [UUID().uuidString, userID, module, recent, recent, passed ? 9 : 3, passed ? 90 : 30, passed])
    }
}
