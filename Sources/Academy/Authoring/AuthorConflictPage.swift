/// What a save meets when someone else saved the same lesson or quiz after the editor was opened (issue 16,
/// point 7): both versions, plainly labelled, with the words that differ highlighted (not marked "deleted"), and
/// the explicit ways on: keep mine, take theirs, or save a text merged from both. Nothing was written.
struct AuthorConflictPage: Page {
    static let template = "author_conflict"

    /// A hidden field that "keep mine" sends again, exactly as the editor sent it.
    struct Field: Sendable, Encodable {
        let name: String
        let value: String
    }

    /// One version as the page shows it.
    struct Version: Sendable, Encodable {
        let label: String
        let spans: [DiffSpan]
    }

    /// "Someone saved before you".
    let title: String
    let courseURL: String
    let slug: String
    /// Who saved what, when, and that nothing was overwritten.
    let intro: String
    let mine: Version
    let theirs: Version
    /// Where the editor's form posts.
    let action: String
    /// The hash of their text: every choice below carries it, so a save that meets yet another change is a
    /// conflict again rather than a silent overwrite.
    let base: String
    /// The editor's own fields (not the CSRF token, base or resolution), for "keep mine".
    let keepFields: [Field]
    /// What "keep mine" does, naming whose text it replaces.
    let keepNote: String
    /// The editor opened afresh, on their text.
    let theirsURL: String
    /// Lessons: the text to merge from (mine); quizzes are merged in their editor, after taking theirs.
    let merge: String?

    init(
        slug: String, intro: String, mine: Version, theirs: Version, action: String, base: String,
        keepFields: [Field], keepNote: String, theirsURL: String, merge: String?, strings: Strings,
        language: Language
    ) {
        self.title = strings.text("author_conflict_title", language)
        self.courseURL = SitePath.authorCourse(slug)
        self.slug = slug
        self.intro = intro
        self.mine = mine
        self.theirs = theirs
        self.action = action
        self.base = base
        self.keepFields = keepFields
        self.keepNote = keepNote
        self.theirsURL = theirsURL
        self.merge = merge
    }
}
