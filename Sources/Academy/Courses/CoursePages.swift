/// The learner-facing course pages (`CourseController`).
enum CoursePages {
    static let all: [any Page.Type] = [CataloguePage.self, CoursePage.self, LessonPage.self, OfflinePage.self]
}

/// `/`: every published course; for a signed-in person their own courses first, and for staff the dashboard.
struct CataloguePage: Page {
    static let template = "catalogue"

    struct CourseCard: Sendable, Encodable {
        let url: String
        let title: String
        let summary: String
        let version: String
        let moduleCount: String
    }

    let title: String
    let courses: [CourseCard]
    /// The signed-in person's courses (empty for a visitor).
    var mine: [ProgressCard] = []
    var welcome: String?
    /// The password was just changed.
    var changed = false
    var dashboard: DashboardPanel?
}

/// `/courses/{slug}`: the course's modules in order and what its certificate takes.
struct CoursePage: Page {
    static let template = "course"

    struct Module: Sendable, Encodable {
        let url: String
        let title: String
        let hasLesson: Bool
        let quizURL: String?
    }

    struct Certificate: Sendable, Encodable {
        let title: String
        let description: String
        let requires: String
    }

    let title: String
    let summary: String
    let version: String
    /// The content hash, for trainers and admins; learners do not need it.
    let contentVersion: String?
    let modules: [Module]
    let firstURL: String?
    var progress: ProgressCard?
    /// What completing the course still needs, or that it is complete (issue 16); for an enrolled reader.
    var completion: CompletionNote?
    var enrollURL: String?
    var signInURL: String?
    let certificate: Certificate?
    /// "Download the course to learn offline" (issue 18): shown by `offline.js` where a service worker can work.
    var offline: OfflineBox? = nil
}

/// The course page's offline box: the course, where its stored copy is described, and its announced size.
struct OfflineBox: Sendable, Encodable {
    let slug: String
    let manifestURL: String
    /// "Khoảng 180 KB trên máy của bạn…"
    let size: String
}

/// `/courses/{slug}/{module}`: the lesson, with previous and next links. The same for every reader.
struct LessonPage: SharedPage {
    static let template = "lesson"

    let title: String
    let courseURL: String
    let courseTitle: String
    let partLabel: String
    /// The lesson, rendered from Markdown when the course was loaded.
    let html: String
    /// The language the course is written in (`lang` of the article).
    let contentLang: String
    let quizURL: String?
    let quizFacts: [String]
    let previousURL: String?
    let previousTitle: String?
    let nextURL: String?
    let nextTitle: String?
}
