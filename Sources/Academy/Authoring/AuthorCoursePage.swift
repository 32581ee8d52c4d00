/// `/author/courses/{slug}`: a course's draft state, modules, settings and certificate, and the forms to change,
/// publish or discard it. After a refused change, what is wrong, in the reader's language (a change that met someone
/// else's save gets the conflict page instead, `AuthoringController.conflict`).
struct AuthorCoursePage: Page {
    static let template = "author_course"

    struct Module: Sendable, Encodable {
        let slug: String
        let title: String
        let lessonURL: String
        let quizURL: String
        let hasQuiz: Bool
        /// The address its move and remove forms post under.
        let path: String
        let first: Bool
        let last: Bool
    }

    /// The new-module form's values and messages.
    struct NewModule: Sendable, Encodable {
        var titleVI = ""
        var slug = ""
        var titleEN = ""
        var titleError: String?
        var slugError: String?
    }

    /// A module with a quiz, which the certificate may require.
    struct CertificateModule: Sendable, Encodable {
        let slug: String
        let checked: Bool
    }

    /// The course's title in Vietnamese, the language courses are written in first.
    let title: String
    let slug: String
    let action: String
    /// The hash of `course.yaml` the forms started from, so a change over someone else's is refused.
    let base: String
    let message: String?
    let draft: Bool
    let published: Bool
    let publishedURL: String
    let problems: [String]
    /// The new-module form: empty, or as typed with what is wrong beside its fields.
    let newModule: NewModule
    let modules: [Module]
    let titleVI: String
    let titleEN: String
    let summaryVI: String
    let summaryEN: String
    let version: String
    let open: Bool
    let certModules: [CertificateModule]
    let certTitleVI: String
    let certTitleEN: String
    let certDescVI: String
    let certDescEN: String

    init(
        slug: String, document: CourseDocument, base: String, draft: Bool, published: Bool, message: String? = nil,
        problems: [String] = [], newModule: NewModule = .init()
    ) {
        self.title = document.title.vi
        self.slug = slug
        self.action = SitePath.authorCourse(slug)
        self.base = base
        self.message = message
        self.draft = draft
        self.published = published
        self.publishedURL = SitePath.course(slug)
        self.problems = problems
        self.newModule = newModule
        self.modules = document.modules.enumerated().map { index, module in
            Module(
                slug: module.slug, title: module.title.vi, lessonURL: SitePath.authorLesson(slug, module.slug),
                quizURL: SitePath.authorQuiz(slug, module.slug), hasQuiz: module.quiz != nil,
                path: SitePath.authorCourse(slug) + "/modules/\(module.slug)", first: index == 0,
                last: index == document.modules.count - 1)
        }
        self.titleVI = document.title.vi
        self.titleEN = document.title.en ?? ""
        self.summaryVI = document.summary?.vi ?? ""
        self.summaryEN = document.summary?.en ?? ""
        self.version = document.version ?? ""
        self.open = document.open ?? true
        let requires = Set(document.certificate?.requires ?? [])
        self.certModules = document.modules.filter { $0.quiz != nil }.map {
            CertificateModule(slug: $0.slug, checked: requires.contains($0.slug))
        }
        self.certTitleVI = document.certificate?.title?.vi ?? ""
        self.certTitleEN = document.certificate?.title?.en ?? ""
        self.certDescVI = document.certificate?.description?.vi ?? ""
        self.certDescEN = document.certificate?.description?.en ?? ""
    }
}
