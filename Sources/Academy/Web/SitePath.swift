import Hummingbird

/// Every address of the site, used both to route and to build links, so no URL is typed twice.
public enum SitePath {
    public static let home = "/"
    public static let healthz = "/healthz"
    public static let courseProblems = "/admin/courses"
    public static let courseReload = "/admin/courses/reload"
    public static let verify = "/verify"
    /// What the service worker shows for a page not stored on the device (issue 18).
    public static let offline = "/offline"
    public static let myCertificates = "/certificates"
    public static let adminCertificates = "/admin/certificates"
    public static let author = "/author"
    public static func authorCourse(_ slug: String) -> String { "/author/courses/\(slug)" }
    public static func authorLesson(_ slug: String, _ module: String) -> String {
        "/author/courses/\(slug)/modules/\(module)/lesson"
    }
    public static func authorQuiz(_ slug: String, _ module: String) -> String {
        "/author/courses/\(slug)/modules/\(module)/quiz"
    }
    public static let login = "/login"
    public static let logout = "/logout"
    public static let password = "/account/password"
    public static let adminUsers = "/admin/users"
    public static let importUsers = "/admin/import"
    public static let enrollOthers = "/admin/enroll"
    /// Completion reports (issue 8): the page, its CSV, its A4 print view; per quiz; the audit log.
    public static let reports = "/reports"
    public static let reportsCSV = "/reports.csv"
    public static let reportsPrint = "/reports/print"
    public static let quizReport = "/reports/quiz"
    public static let quizReportCSV = "/reports/quiz.csv"
    public static let audit = "/admin/audit"
    /// The place list for admins, with how many people are in each unit (issue 15).
    public static let adminPlaces = "/admin/places"
    public static func adminUser(_ id: Int64) -> String { "/admin/users/\(id)" }
    public static func enroll(_ slug: String) -> String { "/courses/\(slug)/enroll" }

    public static func course(_ slug: String) -> String { "/courses/\(slug)" }
    public static func module(_ slug: String, _ module: String) -> String { "/courses/\(slug)/\(module)" }
    public static func quiz(_ slug: String, _ module: String) -> String { "/courses/\(slug)/\(module)/quiz" }
    public static func quizStats(_ slug: String, _ module: String) -> String { "/courses/\(slug)/\(module)/quiz/stats" }
    public static func attempt(_ id: String) -> String { "/attempts/\(id)" }
    public static func certificate(_ code: String) -> String { "/v/\(code)" }
    public static func printable(_ code: String) -> String { "/certificates/\(code)" }
    /// HR's revoke form posts here, from the register or from the verify page.
    public static func revokeCertificate(_ code: String) -> String { "/admin/certificates/\(code)/revoke" }
    public static func mediaBase(_ slug: String) -> String { "/courses/\(slug)/media/" }

    /// Route patterns, in Hummingbird's syntax, for the addresses above.
    enum Pattern {
        static let course: RouterPath = "/courses/:slug"
        static let module: RouterPath = "/courses/:slug/:module"
        static let media: RouterPath = "/courses/:slug/media/:file"
    }

    /// The JSON API under `/api/v1`.
    public enum API {
        public static let base = "/api/v1"
        public static let courses = "/api/v1/courses"
        public static func course(_ slug: String) -> String { "/api/v1/courses/\(slug)" }
        public static func offlineCourse(_ slug: String) -> String { "/api/v1/courses/\(slug)/offline" }
        public static let openAPI = "/api/v1/openapi.json"
        public static let completionReport = "/api/v1/reports/completion"
    }
}
