import Foundation
import GRDB
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import Academy

/// Two trainers editing the same lesson or quiz (issue 16, point 7): a save over someone else's is never silent;
/// the conflict page labels both versions and offers keep mine, take theirs, or a merged text.
@Suite struct ConflictTests {
    static let lesson = "/author/courses/sample/modules/bai-hai/lesson"

    /// A writable copy of the fixture courses and two trainers' browsers: Nam saves first, Giảng second.
    func setUp() async throws -> (String, AppServices, nam: HTTPFields, giang: HTTPFields) {
        let root = NSTemporaryDirectory() + "academy-conflict-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Fixtures.path("courses/good/sample"), toPath: root + "/sample")
        let services = try await TestApp.services(courses: root)
        let nam = try await People.make(services, "nam", role: .trainer, name: "Trần Văn Nam")
        let giang = try await People.make(services, "giang", role: .trainer, name: "Lê Văn Giảng")
        return (
            root, services, People.formHeaders(try await People.browser(services, nam)),
            People.formHeaders(try await People.browser(services, giang))
        )
    }

    func draft(_ root: String, _ file: String = "lessons/02.md") -> String? {
        try? String(contentsOfFile: root + "/.drafts/sample/" + file, encoding: .utf8)
    }

    func published(_ root: String) -> String {
        Digest256.hex((try? String(contentsOfFile: root + "/sample/lessons/02.md", encoding: .utf8)) ?? "")
    }

    func save(
        _ client: any TestClientProtocol, _ headers: HTTPFields, _ text: String, base: String,
        resolution: String? = nil, uri: String = Self.lesson
    ) async throws -> TestResponse {
        var fields = ["markdown": text, "action": "save", "base": base]
        fields["resolution"] = resolution
        return try await client.execute(uri: uri, method: .post, headers: headers, body: People.form(fields))
    }

    @Test func aStaleSaveShowsBothVersionsLabelledAndWritesNothing() async throws {
        let (root, services, nam, giang) = try await setUp()
        try await TestApp.router(services).test(.router) { client in
            // given: both opened the published lesson; Nam saved first
            let start = published(root)
            #expect(try await save(client, nam, "Chuyển đổi số có ba trụ cột.", base: start).status == .seeOther)
            // when: Giảng saves on the same base
            let response = try await save(client, giang, "Chuyển đổi số có bốn trụ cột.", base: start)
            // then: the conflict page, both versions labelled, the words that differ highlighted, not "deleted"
            #expect(response.status == .conflict)
            let html = response.text
            #expect(html.contains("Bản của bạn (chưa lưu)"))
            #expect(html.contains("Bản của Trần Văn Nam lúc "))
            #expect(html.contains("<mark>bốn</mark>"))
            #expect(html.contains("<mark>ba</mark>"))
            #expect(!html.contains("d-removed") && !html.contains("−"))
            #expect(html.contains("Giữ bản của tôi") && html.contains("Lấy bản của họ"))
            #expect(html.contains("Lưu bản đã gộp"))
            #expect(html.contains("value=\"\(Digest256.hex("Chuyển đổi số có ba trụ cột."))\""), "their base")
            #expect(draft(root) == "Chuyển đổi số có ba trụ cột.")
        }
    }

    @Test func keepMineOverwritesOnPurposeAndTheHistorySaysSo() async throws {
        let (root, services, nam, giang) = try await setUp()
        try await TestApp.router(services).test(.router) { client in
            // given: a conflict
            let start = published(root)
            _ = try await save(client, nam, "Bản của Nam", base: start)
            #expect(try await save(client, giang, "Bản của Giảng", base: start).status == .conflict)
            // when: Giảng keeps theirs over Nam's, as the page's form sends it
            let kept = try await save(
                client, giang, "Bản của Giảng", base: Digest256.hex("Bản của Nam"), resolution: "keep_mine")
            // then: saved, audited, and listed in the history in words
            #expect(kept.status == .seeOther)
            #expect(draft(root) == "Bản của Giảng")
            let audit = try await services.database.writer.read { db in
                try Row.fetchAll(db, sql: "SELECT * FROM audit_log WHERE action = 'draft_overwritten'")
            }
            #expect(audit.count == 1)
            #expect(audit.first?["target"] as String? == "sample/lessons/02.md")
            #expect((audit.first?["detail"] as String?)?.hasPrefix("Trần Văn Nam") == true)
            let history = try await client.execute(
                uri: "/author/courses/sample/history", method: .get, headers: giang)
            #expect(history.text.contains("Đã lưu nháp, chưa xuất bản"))
            #expect(history.text.contains("Bài học: Bài hai"))
            #expect(history.text.contains("Chọn giữ bản của mình, thay bản Trần Văn Nam đã lưu lúc "))
        }
    }

    @Test func aSecondStaleSaveIsAConflictAgain() async throws {
        let (root, services, nam, giang) = try await setUp()
        try await TestApp.router(services).test(.router) { client in
            // given: Giảng sees the conflict with Nam's first save; Nam saves again meanwhile
            let start = published(root)
            _ = try await save(client, nam, "Nam lần một", base: start)
            #expect(try await save(client, giang, "Bản của Giảng", base: start).status == .conflict)
            _ = try await save(client, nam, "Nam lần hai", base: Digest256.hex("Nam lần một"))
            // when: Giảng keeps theirs, and then merges, both on the base the page had
            let kept = try await save(
                client, giang, "Bản của Giảng", base: Digest256.hex("Nam lần một"), resolution: "keep_mine")
            let merged = try await save(
                client, giang, "Gộp", base: Digest256.hex("Nam lần một"), resolution: "merged")
            // then: each is a conflict again, naming the newer text; Nam's second save stands
            #expect(kept.status == .conflict)
            #expect(merged.status == .conflict)
            #expect(kept.text.contains("Nam lần hai"))
            #expect(kept.text.contains("value=\"\(Digest256.hex("Nam lần hai"))\""))
            #expect(draft(root) == "Nam lần hai")
        }
    }

    @Test func aMergedTextIsSavedAndTakingTheirsLeavesTheirs() async throws {
        let (root, services, nam, giang) = try await setUp()
        try await TestApp.router(services).test(.router) { client in
            let start = published(root)
            _ = try await save(client, nam, "Dòng của Nam", base: start)
            let conflict = try await save(client, giang, "Dòng của Giảng", base: start)
            // take theirs: the editor, opened afresh, holds Nam's text (and nothing was written)
            let theirs = try await client.execute(uri: Self.lesson, method: .get, headers: giang)
            #expect(conflict.text.contains("href=\"\(Self.lesson)\""))
            #expect(theirs.text.contains("Dòng của Nam"))
            #expect(draft(root) == "Dòng của Nam")
            // merged: saved, and the history says with whom
            let merged = try await save(
                client, giang, "Dòng của Nam\nDòng của Giảng", base: Digest256.hex("Dòng của Nam"),
                resolution: "merged")
            #expect(merged.status == .seeOther)
            #expect(draft(root) == "Dòng của Nam\nDòng của Giảng")
            let history = try await client.execute(
                uri: "/author/courses/sample/history?lang=en", method: .get, headers: giang)
            #expect(history.text.contains("Merged with Trần Văn Nam&#39;s version"))
        }
    }

    @Test func aQuizConflictReadsAsQuestionsAndKeepMineSendsTheFormAgain() async throws {
        let (root, services, nam, giang) = try await setUp()
        try await TestApp.router(services).test(.router) { client in
            let uri = "/author/courses/sample/modules/bai-hai/quiz"
            func quiz(_ correct: String, _ wrong: String, base: String, resolution: String? = nil) -> ByteBuffer {
                var fields = [
                    "base": base, "q_count": "1", "pass": "60", "q0_id": "thu-do", "q0_type": "single",
                    "q0_text": "Thủ đô?", "q0_cn": "2", "q0_c0_text": correct, "q0_c0_correct": "1",
                    "q0_c1_text": wrong,
                ]
                fields["resolution"] = resolution
                return People.form(fields)
            }
            let first = try await client.execute(
                uri: uri, method: .post, headers: nam, body: quiz("Hà Nội", "Huế", base: Digest256.hex("")))
            #expect(first.status == .seeOther)
            let namsFile = try #require(draft(root, "quizzes/bai-hai.yaml"))
            // when: Giảng saves a quiz on the empty base
            let conflict = try await client.execute(
                uri: uri, method: .post, headers: giang, body: quiz("Hà Nội", "Đà Nẵng", base: Digest256.hex("")))
            // then: both quizzes as questions, correct answers marked; no YAML
            #expect(conflict.status == .conflict)
            #expect(conflict.text.contains("1. Thủ đô? (Một lựa chọn)"))
            #expect(conflict.text.contains("✓ Hà Nội — đáp án đúng"))
            #expect(conflict.text.contains("<mark>Đà</mark>") || conflict.text.contains("<mark>Đà Nẵng</mark>"))
            #expect(!conflict.text.contains("type: single"))
            #expect(conflict.text.contains("name=\"q0_c1_text\" value=\"Đà Nẵng\""), "keep mine resends the form")
            // keep mine: the same fields again, on Nam's base
            let kept = try await client.execute(
                uri: uri, method: .post, headers: giang,
                body: quiz("Hà Nội", "Đà Nẵng", base: Digest256.hex(namsFile), resolution: "keep_mine"))
            #expect(kept.status == .seeOther)
            #expect(draft(root, "quizzes/bai-hai.yaml")?.contains("Đà Nẵng") == true)
        }
    }

    @Test func historyShowsLessonsAndQuizzesAsPeopleReadThemAndRestoresInWords() async throws {
        let (root, services, nam, _) = try await setUp()
        try await TestApp.router(services).test(.router) { client in
            // given: two publishes, the second changing a word of the lesson
            _ = try await save(client, nam, "Chuyển đổi số có ba trụ cột.", base: published(root))
            _ = try await client.execute(
                uri: "/author/courses/sample/publish", method: .post, headers: nam, body: People.form([:]))
            _ = try await save(client, nam, "Chuyển đổi số có bốn trụ cột.", base: published(root))
            _ = try await client.execute(
                uri: "/author/courses/sample/publish", method: .post, headers: nam, body: People.form([:]))
            let history = try await Publisher(
                drafts: DraftStore(coursesDirectory: root), database: services.database, catalog: services.catalog
            ).history("sample")
            #expect(history.count == 2)
            // then: the second version, word by word, the quiz as questions, the lesson rendered
            let second = try await client.execute(
                uri: "/author/courses/sample/history/\(history[0].id)", method: .get, headers: nam)
            #expect(second.text.contains("<h1>Bản số 2</h1>"))
            #expect(second.text.contains("[bỏ] </span>ba</del>"))
            #expect(second.text.contains("[thêm] </span>bốn</ins>"))
            #expect(second.text.contains("Bài học: Bài hai"))
            #expect(second.text.contains("Bài kiểm tra: Bài một"))
            #expect(second.text.contains("class=\"correct\""))
            #expect(!second.text.contains("pass_percent"))
            #expect(second.text.contains("Đây là bản học viên đang xem"))
            // when: the first version is restored (after the confirmation)
            let unconfirmed = try await client.execute(
                uri: "/author/courses/sample/history/\(history[1].id)/restore", method: .post, headers: nam,
                body: People.form([:]))
            #expect(unconfirmed.status == .badRequest)
            let first = try await client.execute(
                uri: "/author/courses/sample/history/\(history[1].id)", method: .get, headers: nam)
            #expect(first.text.contains("Khôi phục bản số 1"))
            let restored = try await client.execute(
                uri: "/author/courses/sample/history/\(history[1].id)/restore", method: .post, headers: nam,
                body: People.form(["confirm": "1"]))
            #expect(restored.status == .seeOther)
            // then: a third version, and the note in the reader's language with the first version's date
            let when = AuthorHistoryPage.when(history[1].publishedAt, .vi)
            let vi = try await client.execute(uri: "/author/courses/sample/history", method: .get, headers: nam)
            #expect(vi.text.contains("Bản số 3"))
            #expect(vi.text.contains("Khôi phục bản số 1 (\(when))"))
            #expect(!vi.text.contains("restore #"))
            let en = try await client.execute(uri: "/author/courses/sample/history?lang=en", method: .get, headers: nam)
            #expect(en.text.contains("Restored version 1 (\(AuthorHistoryPage.when(history[1].publishedAt, .en)))"))
            let page = try await client.execute(uri: "/courses/sample/bai-hai", method: .get)
            #expect(page.text.contains("ba trụ cột"))
        }
    }

    @Test func theRestoreNoteNamesTheVersionByNumberAndDate() async throws {
        let strings = try await PageSnapshots.make().strings
        let day = Date(timeIntervalSince1970: 1_795_840_560)  // 28/11/2026 11:36 in Tuyên Quang
        let history = [
            Publisher.Entry(
                id: 12, contentVersion: "b", publisherName: "B", publishedAt: day.addingTimeInterval(60), note: "",
                files: [:]),
            Publisher.Entry(id: 5, contentVersion: "a", publisherName: "A", publishedAt: day, note: "", files: [:]),
        ]
        #expect(
            AuthorHistoryPage.note("restore #5", history: history, strings: strings, language: .vi)
                == "Khôi phục bản số 1 (28/11/2026 11:36)")
        #expect(
            AuthorHistoryPage.note("restore #5", history: history, strings: strings, language: .en)
                == "Restored version 1 (28 November 2026 11:36)")
        #expect(AuthorHistoryPage.note("sửa lỗi", history: history, strings: strings, language: .vi) == "sửa lỗi")
        #expect(AuthorHistoryPage.note("", history: history, strings: strings, language: .vi) == nil)
    }

    /// The course's settings and parts met someone else's save: the same page as a lesson's, both versions in
    /// words (not YAML, no red "−"), and "keep mine" sends the form again on their base.
    @Test func aStaleSettingsChangeGetsTheConflictPageAndKeepMineSavesIt() async throws {
        let (root, services, nam, giang) = try await setUp()
        let yaml = try String(contentsOfFile: root + "/sample/course.yaml", encoding: .utf8)
        let start = Digest256.hex(yaml)
        try await TestApp.router(services).test(.router) { client in
            // given: Nam added a part first
            let added = try await client.execute(
                uri: "/author/courses/sample/modules", method: .post, headers: nam,
                body: People.form(["module_title_vi": "Bài 3: Chữ ký số", "base": start]))
            #expect(added.status == .seeOther)
            // when: Giảng renames the course from the page made before
            var fields = [
                "title_vi": "Khóa mẫu đã đổi tên", "summary_vi": "Tóm tắt", "open": "1", "cert_requires": "kiem-tra",
                "base": start,
            ]
            let stale = try await client.execute(
                uri: "/author/courses/sample/settings", method: .post, headers: giang, body: People.form(fields))
            // then: the conflict page: labelled versions in words, nothing written
            #expect(stale.status == .conflict)
            let html = stale.text
            #expect(html.contains("Có người vừa lưu trước bạn"))
            #expect(html.contains("Bản của bạn (chưa lưu)") && html.contains("Bản của Trần Văn Nam lúc "))
            #expect(html.contains("«Thông tin khóa học»"))
            #expect(html.contains("Tên khóa học: Khóa mẫu<mark> đã đổi tên</mark>"), "the settings in words")
            #expect(html.contains("Giới thiệu: <mark>Một khóa học nhỏ để kiểm thử.</mark>"))
            #expect(!html.contains("modules:") && !html.contains("d-removed"))
            #expect(html.contains("name=\"title_vi\" value=\"Khóa mẫu đã đổi tên\""), "keep mine sends the form again")
            #expect(!html.contains("Lưu bản đã gộp"), "settings are not merged as text")
            var draft = try CourseDocument.read(root + "/.drafts/sample/course.yaml")
            #expect(draft.title.vi == "Khóa mẫu")
            // when: Giảng keeps theirs, on Nam's base, as the page's form sends it
            let theirs = try String(contentsOfFile: root + "/.drafts/sample/course.yaml", encoding: .utf8)
            fields["base"] = Digest256.hex(theirs)
            fields["resolution"] = "keep_mine"
            let kept = try await client.execute(
                uri: "/author/courses/sample/settings", method: .post, headers: giang, body: People.form(fields))
            // then: saved over the current course, so Nam's part stays; the history says who chose what
            #expect(kept.status == .seeOther)
            draft = try CourseDocument.read(root + "/.drafts/sample/course.yaml")
            #expect(draft.title.vi == "Khóa mẫu đã đổi tên")
            #expect(draft.modules.map(\.slug).contains("bai-3-chu-ky-so"))
            let history = try await client.execute(uri: "/author/courses/sample/history", method: .get, headers: nam)
            #expect(history.text.contains("Chọn giữ bản của mình, thay bản Trần Văn Nam đã lưu lúc"))
        }
    }

    /// A new part's code comes from its title, unique in the course; a code that cannot be used is said beside
    /// the field with the typing kept.
    @Test func aNewPartGetsItsCodeFromItsTitle() async throws {
        let (root, services, nam, _) = try await setUp()
        let base: @Sendable () -> String = {
            Digest256.hex(
                (try? String(contentsOfFile: root + "/.drafts/sample/course.yaml", encoding: .utf8))
                    ?? (try? String(contentsOfFile: root + "/sample/course.yaml", encoding: .utf8)) ?? "")
        }
        try await TestApp.router(services).test(.router) { client in
            for _ in 0..<2 {
                let added = try await client.execute(
                    uri: "/author/courses/sample/modules", method: .post, headers: nam,
                    body: People.form(["module_title_vi": "Bài hai", "base": base()]))
                #expect(added.status == .seeOther)
            }
            let draft = try CourseDocument.read(root + "/.drafts/sample/course.yaml")
            #expect(draft.modules.map(\.slug) == ["bai-mot", "bai-hai", "kiem-tra", "bai-hai-2", "bai-hai-3"])
            #expect(FileManager.default.fileExists(atPath: root + "/.drafts/sample/lessons/bai-hai-3.md"))
            for (code, message) in [
                (
                    "bai-mot",
                    "Khóa học đã có phần mã “bai-mot” (hoặc mã này dành cho trang web). Chọn mã khác, ví dụ “bai-mot-2”."
                ),
                ("media", "Khóa học đã có phần mã “media”"),
                ("Bài 5", "Mã chỉ gồm chữ thường không dấu, số và gạch ngang, ví dụ “bai-5”."),
            ] {
                let refused = try await client.execute(
                    uri: "/author/courses/sample/modules", method: .post, headers: nam,
                    body: People.form(["module_title_vi": "Phần mới", "module_slug": code, "base": base()]))
                #expect(refused.status == .unprocessableContent)
                #expect(refused.text.contains("id=\"module_slug-error\""))
                #expect(refused.text.contains(message), "\(code)")
                #expect(refused.text.contains("value=\"Phần mới\""))
            }
            let untitled = try await client.execute(
                uri: "/author/courses/sample/modules", method: .post, headers: nam,
                body: People.form(["module_title_vi": "", "base": base()]))
            #expect(untitled.status == .unprocessableContent)
            #expect(untitled.text.contains("Cần nhập tên tiếng Việt của phần này."))
            #expect(try CourseDocument.read(root + "/.drafts/sample/course.yaml").modules.count == 5)
        }
    }

    /// Saves of different files of one course at the same time: each copies the whole draft, so without the
    /// course's lock the later swap would drop the earlier's file.
    @Test func savesAtTheSameTimeKeepEveryFile() async throws {
        let root = NSTemporaryDirectory() + "academy-exclusive-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Fixtures.path("courses/good/sample"), toPath: root + "/sample")
        let drafts = DraftStore(coursesDirectory: root)
        try drafts.ensureDraft("sample")
        try await withThrowingTaskGroup(of: [CourseProblem].self) { group in
            for n in 0..<16 {
                group.addTask {
                    try await Blocking.run {
                        try drafts.save("sample", files: ["media/anh-\(n).png": Data([UInt8(n)])])
                    }
                }
            }
            for try await problems in group { #expect(problems.isEmpty) }
        }
        let media = try FileManager.default.contentsOfDirectory(atPath: root + "/.drafts/sample/media")
        #expect(media.filter { $0.hasPrefix("anh-") }.count == 16)
    }
}
