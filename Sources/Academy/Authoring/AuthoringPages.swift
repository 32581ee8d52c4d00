import Foundation

/// The course authoring pages, for trainers and admins (`AuthoringController`, `LessonEditor`, `QuizEditor`).
enum AuthoringPages {
    static let all: [any Page.Type] = [
        AuthorIndexPage.self, AuthorCoursePage.self, AuthorLessonPage.self, AuthorQuizPage.self,
        AuthorHistoryPage.self, AuthorDiffPage.self,
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

/// `/author/courses/{slug}/history`: every publish of a course, newest first.
struct AuthorHistoryPage: Page {
    static let template = "author_history"

    struct Entry: Sendable, Encodable {
        let url: String
        let when: String
        let who: String
        let version: String
        let note: String?
    }

    let title: String
    let slug: String
    let courseURL: String
    let entries: [Entry]

    init(slug: String, history: [Publisher.Entry], strings: Strings, language: Language) {
        self.title = strings.text("author_history", language)
        self.slug = slug
        self.courseURL = SitePath.authorCourse(slug)
        self.entries = history.map { entry in
            Entry(
                url: SitePath.authorCourse(slug) + "/history/\(entry.id)",
                when: DateText.short(entry.publishedAt, language), who: entry.publisherName,
                version: entry.contentVersion, note: entry.note.isEmpty ? nil : entry.note)
        }
    }
}

/// `/author/courses/{slug}/history/{id}`: one publish compared with the one before it, file by file, and the form
/// to publish it again.
struct AuthorDiffPage: Page {
    static let template = "author_diff"

    struct Change: Sendable, Encodable {
        let path: String
        /// Not a text file: said to have changed, without lines.
        let binary: Bool
        let rows: [DiffRow]
    }

    let title: String
    let courseURL: String
    let when: String
    let who: String
    let version: String
    let changes: [Change]
    let restoreURL: String

    /// `entry` against `previous`, the files of the publish before it (none for the first).
    init(slug: String, entry: Publisher.Entry, previous: [String: Data], strings: Strings, language: Language) {
        self.title = strings.text("author_history", language)
        self.courseURL = SitePath.authorCourse(slug)
        self.when = DateText.short(entry.publishedAt, language)
        self.who = entry.publisherName
        self.version = entry.contentVersion
        let textual = { (path: String) in [".md", ".yaml", ".yml", ".gift"].contains { path.hasSuffix($0) } }
        self.changes = Set(entry.files.keys).union(previous.keys).sorted().compactMap { path in
            let old = previous[path].map { String(decoding: $0, as: UTF8.self) } ?? ""
            let new = entry.files[path].map { String(decoding: $0, as: UTF8.self) } ?? ""
            guard old != new || previous[path] != entry.files[path] else { return nil }
            return Change(path: path, binary: !textual(path), rows: textual(path) ? LineDiff.rows(old, new) : [])
        }
        self.restoreURL = SitePath.authorCourse(slug) + "/history/\(entry.id)/restore"
    }
}

/// `/author/courses/{slug}/modules/{module}/lesson`: the lesson's Markdown in a textarea, with a preview, what a
/// refused save must fix, or — when someone else saved meanwhile — how their text differs.
struct AuthorLessonPage: Page {
    static let template = "author_lesson"

    /// The module's title.
    let title: String
    let slug: String
    let courseURL: String
    let action: String
    let uploadURL: String
    let markdown: String
    /// The hash of the text the editor started from, so a save over someone else's is refused.
    let base: String
    /// What was just done ("Saved").
    var message: String?
    var error: String?
    var problems: [String] = []
    /// Someone else's saved text against the one typed here.
    var conflict: [DiffRow] = []
    var conflictHint: String?
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
        self.markdown = markdown
        self.base = base
    }
}
