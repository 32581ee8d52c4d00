import Foundation
import Testing

@testable import Academy

/// Golden files of the authoring pages (`Tests/AcademyTests/Snapshots/authoring/`), in both languages. Trainers and
/// admins see the same pages; only the top bar differs, shown once on the index.
@Suite struct AuthoringPageSnapshotTests {
    static let slug = "sample"

    @Test func index() async throws {
        let snapshots = try await PageSnapshots.make()
        snapshots.check("authoring/index", path: SitePath.author, roles: [.trainer, .admin]) { strings, language in
            AuthorIndexPage(
                courses: [
                    .init(
                        slug: "an-toan-thong-tin", url: SitePath.authorCourse("an-toan-thong-tin"),
                        title: "An toàn thông tin", published: true, draft: true),
                    .init(
                        slug: "dich-vu-cong", url: SitePath.authorCourse("dich-vu-cong"), title: "dich-vu-cong",
                        published: false, draft: true),
                    .init(
                        slug: Self.slug, url: SitePath.authorCourse(Self.slug), title: "Khóa mẫu", published: true,
                        draft: false),
                ], strings: strings, language: language)
        }
        // A new course refused: its title kept, the code taken, the message beside the field and in a summary.
        snapshots.check("authoring/index-new-refused", path: SitePath.author, roles: [.trainer]) {
            strings, language in
            var typed = AuthorIndexPage.NewCourse(titleVI: "Chuyển đổi số", slug: "")
            typed.slugError = strings.text("author_slug_taken", language, ["chuyen-doi-so", "chuyen-doi-so-2"])
            typed.summary = [.init(href: "#slug", text: typed.slugError ?? "")]
            return AuthorIndexPage(courses: [], newCourse: typed, strings: strings, language: language)
        }
        // A refused ZIP: its problems, and no list.
        snapshots.check("authoring/index-import-refused", path: SitePath.author, roles: [.trainer]) {
            strings, language in
            AuthorIndexPage(
                courses: [], importProblems: ["course.yaml:3: unknown module 'bai-ba' in certificate.requires"],
                strings: strings, language: language)
        }
    }

    @Test func course() async throws {
        let snapshots = try await PageSnapshots.make()
        let document = try Self.document()
        let path = SitePath.authorCourse(Self.slug)
        snapshots.check("authoring/course", path: path, roles: [.trainer]) { _, _ in
            AuthorCoursePage(slug: Self.slug, document: document, base: "b4se", draft: false, published: true)
        }
        snapshots.check("authoring/course-draft", path: path, roles: [.trainer]) { strings, language in
            AuthorCoursePage(
                slug: Self.slug, document: document, base: "b4se", draft: true, published: true,
                message: strings.text("author_done_saved", language))
        }
        // A new course, never published, whose draft the validator refuses.
        var fresh = document
        fresh.title = .init(vi: "Khóa mới")
        fresh.summary = nil
        fresh.version = nil
        fresh.open = false
        fresh.certificate = nil
        fresh.modules = [.init(slug: "bai-1", title: .init(vi: "Bài 1"), lesson: "lessons/01-bai-1.md")]
        snapshots.check("authoring/course-refused", path: SitePath.authorCourse("khoa-moi"), roles: [.trainer]) {
            strings, language in
            AuthorCoursePage(
                slug: "khoa-moi", document: fresh, base: "b4se", draft: true, published: false,
                message: strings.text("author_refused", language),
                problems: ["lessons/01-bai-1.md:1: the lesson is empty"])
        }
        // A new part whose code is taken: said beside the field, with everything typed kept.
        snapshots.check("authoring/course-module-refused", path: path, roles: [.trainer]) { strings, language in
            AuthorCoursePage(
                slug: Self.slug, document: document, base: "b4se", draft: true, published: true,
                message: strings.text("author_refused", language),
                newModule: .init(
                    titleVI: "Bài 1", slug: "", titleEN: "",
                    slugError: strings.text("author_module_slug_taken", language, ["bai-1", "bai-1-2"])))
        }
    }

    @Test func lesson() async throws {
        let snapshots = try await PageSnapshots.make()
        let module = try Self.document().modules[0]
        let markdown = "# Bài một\n\nChuyển đổi số có **ba** trụ cột.\n\n![Sơ đồ](media/so-do.png)\n"
        let path = SitePath.authorLesson(Self.slug, module.slug)
        func page() -> AuthorLessonPage {
            AuthorLessonPage(slug: Self.slug, module: module, markdown: markdown, base: "b4se")
        }
        snapshots.check("authoring/lesson", path: path, roles: [.trainer]) { strings, language in
            var saved = page()
            saved.message = strings.text("author_done_saved", language)
            saved.imageSnippet = "![\(strings.text("author_image_alt", language))](media/anh-a1b2c3.png)"
            return saved
        }
        snapshots.check("authoring/lesson-preview", path: path, roles: [.trainer]) { _, _ in
            var preview = page()
            preview.preview = SnapshotFixtures.course.modules[0].lessonHTML
            return preview
        }
        snapshots.check("authoring/lesson-refused", path: path, roles: [.trainer]) { strings, language in
            var refused = page()
            refused.error = strings.text("author_refused", language)
            refused.problems = ["lessons/01.md:5: image media/khong-co.png is not in the media folder"]
            return refused
        }
    }

    @Test func quiz() async throws {
        let snapshots = try await PageSnapshots.make()
        let document = try Self.document()
        // Every question type: single and true/false (GIFT), short, numerical and multiple (YAML).
        let questions = try ["quizzes/01.gift", "quizzes/final.yaml"].flatMap { file in
            QuizFileLoader.load(text: try String(contentsOfFile: Self.folder + "/" + file, encoding: .utf8), path: file)
                .questions
        }
        let final = document.modules[2]
        let path = SitePath.authorQuiz(Self.slug, final.slug)
        func page(_ strings: Strings, _ language: Language, errors: QuizFormErrors = .init()) -> AuthorQuizPage {
            AuthorQuizPage(
                slug: Self.slug, module: final, file: "quizzes/final.yaml", form: QuizForm(questions: questions),
                settings: final.quiz, base: "b4se", errors: errors, strings: strings, language: language)
        }
        snapshots.check("authoring/quiz", path: path, roles: [.trainer]) { strings, language in
            var saved = page(strings, language)
            saved.message = strings.text("author_done_saved", language)
            return saved
        }
        // A module without a quiz yet: the default settings and only the blank question.
        let first = document.modules[1]
        snapshots.check("authoring/quiz-new", path: SitePath.authorQuiz(Self.slug, first.slug), roles: [.trainer]) {
            strings, language in
            AuthorQuizPage(
                slug: Self.slug, module: first, file: "quizzes/bai-hai.yaml", form: QuizForm(questions: []),
                settings: nil, base: "b4se", strings: strings, language: language)
        }
        // Refused: each message beside its field (a choice question's, a short answer's, the draw, the GIFT pasted,
        // kept) and a summary linking to them.
        snapshots.check("authoring/quiz-refused", path: path, roles: [.trainer]) { strings, language in
            let file = "quizzes/final.yaml"
            let short = questions.firstIndex { $0.type == .short } ?? 0
            let choice = questions.firstIndex { $0.type == .single } ?? 0
            let errors = QuizFormErrors(
                form: [
                    CourseProblem(path: file, line: choice + 1, .noCorrectAnswer, [questions[choice].id]),
                    CourseProblem(path: file, line: short + 1, .noAccepted, [questions[short].id]),
                ],
                gift: [CourseProblem(path: "GIFT", line: 1, .unclosedBrace)],
                file: [CourseProblem(path: "course.yaml", line: 30, .drawTooLarge, ["40", "12", file])],
                questions: QuizForm(questions: questions).questions, strings: strings, language: language)
            var refused = page(strings, language, errors: errors)
            refused.gift = "::moi::Câu mới {=Đúng ~Sai"
            return refused
        }
    }

    @Test func conflict() async throws {
        let snapshots = try await PageSnapshots.make()
        let action = SitePath.authorLesson(Self.slug, "bai-mot")
        let mine = "# Bài một\n\nChuyển đổi số có **ba** trụ cột.\n\nDòng của tôi.\n"
        let theirs = "# Bài một\n\nChuyển đổi số có **bốn** trụ cột.\n"
        snapshots.check("authoring/conflict-lesson", path: action, roles: [.trainer]) { strings, language in
            let parts = TextDiff.parts(mine, theirs)
            return AuthorConflictPage(
                slug: Self.slug,
                intro: strings.text("author_conflict_intro", language, ["Trần Văn Nam", "Bài một", "14:05"]),
                mine: .init(
                    label: strings.text("author_conflict_mine", language),
                    spans: DiffSpan.spans(TextDiff.oldSide(parts), marked: true, strings: strings, language: language)),
                theirs: .init(
                    label: strings.text("author_conflict_theirs", language, ["Trần Văn Nam", "14:05"]),
                    spans: DiffSpan.spans(TextDiff.newSide(parts), marked: true, strings: strings, language: language)),
                action: action, base: "b4se", keepFields: [.init(name: "markdown", value: mine)],
                keepNote: strings.text("author_keep_mine_note", language, ["Trần Văn Nam"]), theirsURL: action,
                merge: mine, strings: strings, language: language)
        }
    }

    @Test func history() async throws {
        let snapshots = try await PageSnapshots.make()
        let path = SitePath.authorCourse(Self.slug) + "/history"
        snapshots.check("authoring/history", path: path, roles: [.trainer]) { strings, language in
            AuthorHistoryPage(slug: Self.slug, history: Self.restored, strings: strings, language: language)
        }
        // Saves since the last publish, one of them a "keep mine" over someone else's.
        snapshots.check("authoring/history-saves", path: path, roles: [.trainer]) { strings, language in
            let saves: [DraftLog.Save] = [
                .init(
                    path: "lessons/01.md", version: "v2", saverName: "Lê Văn Giảng",
                    savedAt: Date(timeIntervalSince1970: 1_790_200_600), kind: .keepMine, replacedName: "Trần Văn Nam",
                    replacedAt: Date(timeIntervalSince1970: 1_790_200_300)),
                .init(
                    path: "lessons/01.md", version: "v1", saverName: "Trần Văn Nam",
                    savedAt: Date(timeIntervalSince1970: 1_790_200_300), kind: .save),
            ]
            return AuthorHistoryPage(
                slug: Self.slug, history: Self.history, saves: saves,
                titles: ["lessons/01.md": strings.text("author_read_lesson", language, ["Bài một"])],
                strings: strings, language: language)
        }
        snapshots.check("authoring/history-empty", path: path, roles: [.trainer]) { strings, language in
            AuthorHistoryPage(slug: Self.slug, history: [], strings: strings, language: language)
        }
    }

    @Test func diff() async throws {
        let snapshots = try await PageSnapshots.make()
        let (newer, older) = (Self.history[0], Self.history[1])
        let html = ["lessons/01.md": "<p>Dòng 1 của bài.</p>"]
        snapshots.check("authoring/diff", path: SitePath.authorCourse(Self.slug) + "/history/2", roles: [.trainer]) {
            strings, language in
            AuthorDiffPage(
                slug: Self.slug, entry: newer, history: Self.history, html: html, strings: strings, language: language)
        }
        // The first version, older than the one in use: read whole, and the form to restore it (a draft exists).
        let first = SitePath.authorCourse(Self.slug) + "/history/1"
        snapshots.check("authoring/diff-none", path: first, roles: [.trainer]) { strings, language in
            AuthorDiffPage(
                slug: Self.slug, entry: older, history: Self.history, html: html, hasDraft: true, strings: strings,
                language: language)
        }
    }

    /// The history with a third publish that restored the first.
    static let restored: [Publisher.Entry] =
        [
            Publisher.Entry(
                id: 3, contentVersion: "3f9a1c2b", publisherName: "Lê Văn Giảng",
                publishedAt: Date(timeIntervalSince1970: 1_790_300_000), note: "restore #1", files: history[1].files)
        ] + history

    static let folder = Fixtures.path("courses/good/sample")

    static func document() throws -> CourseDocument { try CourseDocument.read(folder + "/course.yaml") }

    /// Two publishes, newest first: the second changed a lesson line by line, replaced an image, added a quiz.
    static let history: [Publisher.Entry] = {
        let lesson = (1...12).map { "Dòng \($0) của bài." }
        var changed = lesson
        changed[5] = "Dòng 6, đã sửa."
        changed.append("Dòng mới ở cuối.")
        let course = "title: Khóa mẫu\nmodules:\n  - slug: bai-mot\n    title: Bài một\n    lesson: lessons/01.md\n"
        let first: [String: Data] = [
            "course.yaml": Data(course.utf8), "lessons/01.md": Data(lesson.joined(separator: "\n").utf8),
            "media/so-do.png": Data([0x89, 0x50, 0x4E, 0x47, 1]),
        ]
        var second = first
        second["lessons/01.md"] = Data(changed.joined(separator: "\n").utf8)
        second["media/so-do.png"] = Data([0x89, 0x50, 0x4E, 0x47, 2])
        second["quizzes/01.gift"] = Data("::a::Câu hỏi? {T}\n\n::b::Thủ đô? {=Hà Nội ~Huế}\n".utf8)
        second["course.yaml"] = Data((course + "    quiz:\n      file: quizzes/01.gift\n      pass_percent: 60\n").utf8)
        return [
            Publisher.Entry(
                id: 2, contentVersion: "9c1e4f7a", publisherName: "Nguyễn Thị Hoa",
                publishedAt: Date(timeIntervalSince1970: 1_790_100_000), note: "Sửa bài một", files: second),
            Publisher.Entry(
                id: 1, contentVersion: "3f9a1c2b", publisherName: "Trần Văn Nam",
                publishedAt: Date(timeIntervalSince1970: 1_790_000_000), note: "", files: first),
        ]
    }()
}
