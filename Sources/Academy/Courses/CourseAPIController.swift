import Hummingbird

/// `GET /api/v1/courses` and `GET /api/v1/courses/{slug}`: the published courses as JSON.
struct CourseAPIController {
    let catalog: CourseCatalog

    /// A module as the API shows it; its quiz is addressed by the module's slug.
    struct ModuleSummary: Codable {
        let slug: String
        let title: String
        let hasQuiz: Bool
        let hasLesson: Bool
        let questions: Int?
        let passPercent: Double?
    }

    /// A course as the API shows it.
    struct CourseSummary: ResponseEncodable, Codable {
        let slug: String
        let title: String
        let summary: String
        let language: String
        let version: String
        let contentVersion: String
        let open: Bool
        let modules: [ModuleSummary]
        let certificateRequires: [String]

        init(_ course: Course, language: Language) {
            slug = course.slug
            title = course.title.text(language)
            summary = course.summary.text(language)
            self.language = course.language.rawValue
            version = course.version
            contentVersion = course.contentVersion
            open = course.isOpen
            modules = course.modules.map {
                ModuleSummary(
                    slug: $0.slug, title: $0.title.text(language), hasQuiz: $0.quiz != nil,
                    hasLesson: $0.lessonHTML != nil, questions: $0.quiz?.questionsPerAttempt,
                    passPercent: $0.quiz?.passPercent)
            }
            certificateRequires = course.certificate == nil ? [] : course.requiredQuizzes
        }
    }

    var endpoints: RouteCollection<AppRequestContext> {
        let routes = RouteCollection(context: AppRequestContext.self)
        routes.get("/courses", use: list)
        routes.get("/courses/:slug", use: show)
        return routes
    }

    /// Every published course with its modules.
    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> [CourseSummary] {
        catalog.snapshot.courses.map { CourseSummary($0, language: context.language) }
    }

    /// One course with its modules.
    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> CourseSummary {
        CourseSummary(try CourseRoutes.course(from: context, in: catalog.snapshot), language: context.language)
    }
}
