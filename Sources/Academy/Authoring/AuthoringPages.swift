import Foundation

/// The course authoring pages, for trainers and admins (`AuthoringController`, `LessonEditor`, `QuizEditor`).
enum AuthoringPages {
    static let all: [any Page.Type] = [
        AuthorIndexPage.self, AuthorCoursePage.self, AuthorLessonPage.self, AuthorQuizPage.self,
        AuthorHistoryPage.self, AuthorDiffPage.self, AuthorConflictPage.self,
    ]
}

/// `/author`: every course, published or with a draft; forms to create one or import a ZIP.
struct AuthorIndexPage: Page {
    static let template = "author_index"

    struct CourseRow: Sendable, Encodable {
        let slug: String
        let url: String
        let title: String
        let published: Bool
        let draft: Bool
    }

    /// The new-course form as typed, and what is wrong with it after a refused create.
    struct NewCourse: Sendable, Encodable {
        var titleVI = ""
        var slug = ""
        var titleEN = ""
        var summaryVI = ""
        var moduleTitle = ""
        var english = false
        var titleError: String?
        var slugError: String?
        var summary: [AuthorQuizPage.ErrorLink] = []
    }

    let title: String
    let courses: [CourseRow]
    /// Why an uploaded ZIP was refused; the list of courses is not shown then.
    let importProblems: [String]
    let newCourse: NewCourse

    init(
        courses: [CourseRow], importProblems: [String] = [], newCourse: NewCourse = .init(), strings: Strings,
        language: Language
    ) {
        self.title = strings.text("author_title", language)
        self.courses = courses
        self.importProblems = importProblems
        self.newCourse = newCourse
    }
}

/// `/author/courses/{slug}/history`: every publish of a course, newest first, numbered as people count them
/// ("Bản số 3"), with who, when, and a restore said in words; above them, the saves not yet published.
struct AuthorHistoryPage: Page {
    static let template = "author_history"

    struct Entry: Sendable, Encodable {
        let url: String
        /// "Bản số 3".
        let number: String
        let when: String
        let who: String
        let note: String?
        /// The version learners see now.
        let current: Bool
    }

    /// One save of the draft since the last publish.
    struct Save: Sendable, Encodable {
        let what: String
        let when: String
        let who: String
        /// An overwrite chosen on the conflict page, or a merge, said in words.
        let how: String?
    }

    let title: String
    let slug: String
    let courseURL: String
    let entries: [Entry]
    let saves: [Save]

    /// `titles` names the draft's files (`lessons/01.md` → "Bài học: …"); a file it lacks is shown by its path.
    init(
        slug: String, history: [Publisher.Entry], saves: [DraftLog.Save] = [], titles: [String: String] = [:],
        strings: Strings, language: Language
    ) {
        self.title = strings.text("author_history", language)
        self.slug = slug
        self.courseURL = SitePath.authorCourse(slug)
        self.entries = history.enumerated().map { index, entry in
            Entry(
                url: SitePath.authorCourse(slug) + "/history/\(entry.id)",
                number: strings.text("author_version_number", language, [String(history.count - index)]),
                when: Self.when(entry.publishedAt, language), who: entry.publisherName,
                note: Self.note(entry.note, history: history, strings: strings, language: language),
                current: index == 0)
        }
        self.saves = saves.map { save in
            let how: String? =
                switch save.kind {
                case .save: nil
                case .keepMine:
                    strings.text(
                        "author_saved_keep_mine", language,
                        [save.replacedName ?? "", save.replacedAt.map { Self.when($0, language) } ?? "—"])
                case .merged: strings.text("author_saved_merged", language, [save.replacedName ?? ""])
                }
            return Save(
                what: titles[save.path] ?? save.path, when: Self.when(save.savedAt, language), who: save.saverName,
                how: how)
        }
    }

    /// `28/11/2026 11:36` · `28 November 2026 11:36`: the day first, then the time.
    static func when(_ date: Date, _ language: Language) -> String {
        DateText.day(date, language) + " " + DateText.time(date, language)
    }

    /// A publish's note for people: a restore (stored as `restore #<id>`) is said in the reader's language with
    /// the number and date of the version it brought back ("Khôi phục bản số 1 (28/11/2026 11:36)").
    static func note(_ note: String, history: [Publisher.Entry], strings: Strings, language: Language) -> String? {
        guard note.hasPrefix("restore #"), let id = Int64(note.dropFirst("restore #".count)) else {
            return note.isEmpty ? nil : note
        }
        guard let index = history.firstIndex(where: { $0.id == id }) else {
            return strings.text("author_restored_unknown", language)
        }
        return strings.text(
            "author_restored", language, [String(history.count - index), when(history[index].publishedAt, language)])
    }
}

/// `/author/courses/{slug}/history/{id}`: one version as a person reads it — each lesson and quiz with what
/// changed since the version before, word by word, and the whole lesson as learners saw it, each quiz as its
/// questions with the correct answers marked — and the form to publish it again (issue 16, point 7).
struct AuthorDiffPage: Page {
    static let template = "author_diff"

    /// A lesson, a quiz, or the course's settings, in this version.
    struct Section: Sendable, Encodable {
        let heading: String
        /// "Mới", "Đã sửa", "Không đổi", "Đã bỏ".
        let status: String
        let changed: Bool
        /// What changed since the version before; empty when nothing did or there was nothing before.
        let spans: [DiffSpan]
        /// A lesson as learners saw it (our own renderer's HTML).
        let html: String?
        let quiz: QuizReading?
        /// Shown open: a new part has nothing to compare with.
        let open: Bool
    }

    /// An image, said to be new, replaced or removed.
    struct Image: Sendable, Encodable {
        let path: String
        let status: String
    }

    let title: String
    let courseURL: String
    let historyURL: String
    let number: String
    let when: String
    let who: String
    let note: String?
    let sections: [Section]
    let images: [Image]
    /// The version learners see now: nothing to restore.
    let current: Bool
    let restoreURL: String
    let restoreConfirm: String
    let restoreButton: String
    /// A draft exists that the restore will replace.
    let draftWarning: Bool

    /// `entry` among `history` (newest first), against the publish before it; `html` is each lesson of `entry`
    /// rendered, by path.
    init(
        slug: String, entry: Publisher.Entry, history: [Publisher.Entry], html: [String: String] = [:],
        hasDraft: Bool = false, strings: Strings, language: Language
    ) {
        let index = history.firstIndex { $0.id == entry.id } ?? 0
        let previous = history.first { $0.id < entry.id }?.files ?? [:]
        let number = String(history.count - index)
        let when = AuthorHistoryPage.when(entry.publishedAt, language)
        self.number = strings.text("author_version_number", language, [number])
        self.title = self.number + " — " + strings.text("author_history", language)
        self.courseURL = SitePath.authorCourse(slug)
        self.historyURL = SitePath.authorCourse(slug) + "/history"
        self.when = when
        self.who = entry.publisherName
        self.note = AuthorHistoryPage.note(entry.note, history: history, strings: strings, language: language)
        let reading = VersionReading(files: entry.files, previous: previous, strings: strings, language: language)
        self.sections = reading.sections(html: html, hasPrevious: index < history.count - 1)
        self.images = reading.images()
        self.current = index == 0
        self.restoreURL = SitePath.authorCourse(slug) + "/history/\(entry.id)/restore"
        self.restoreConfirm = strings.text("author_restore_confirm_n", language, [number, when])
        self.restoreButton = strings.text("author_restore_n", language, [number])
        self.draftWarning = hasDraft
    }
}

/// `/author/courses/{slug}/modules/{module}/lesson`: the lesson's Markdown in a textarea, with a preview, what a
/// refused save must fix. A save that meets someone else's leads to `AuthorConflictPage` instead.
struct AuthorLessonPage: Page {
    static let template = "author_lesson"

    /// The module's title.
    let title: String
    let slug: String
    let courseURL: String
    let action: String
    let uploadURL: String
    /// Where editor.js saves the draft by itself, a few seconds after the last keystroke.
    let autosaveURL: String
    /// What editor.js checks before sending an image (the server checks again).
    let maxImageBytes = LessonEditor.maxImageBytes
    let maxImageWidth = LessonEditor.maxImageWidth
    let markdown: String
    /// The hash of the text the editor started from, so a save over someone else's is refused.
    let base: String
    /// What was just done ("Saved").
    var message: String?
    var error: String?
    var problems: [String] = []
    /// The Markdown to paste for an image just uploaded.
    var imageSnippet: String?
    /// The lesson as learners will see it: HTML from our own Markdown renderer.
    var preview: String?

    init(slug: String, module: CourseDocument.Module, markdown: String, base: String) {
        self.title = module.title.vi
        self.slug = slug
        self.courseURL = SitePath.authorCourse(slug)
        self.action = SitePath.authorLesson(slug, module.slug)
        self.uploadURL = SitePath.authorCourse(slug) + "/modules/\(module.slug)/media"
        self.autosaveURL = SitePath.authorLesson(slug, module.slug) + "/draft"
        self.markdown = markdown
        self.base = base
    }
}
