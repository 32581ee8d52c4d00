import Foundation
import Hummingbird

/// Enrolment: learners enrol themselves in open courses; trainers enrol chosen people or whole communes.
struct EnrollmentController {
    let enrollments: EnrollmentStore
    let progress: ProgressService
    let catalog: CourseCatalog
    let pages: PageRenderer
    let database: AppDatabase
    let audit: AuditLog
    /// The place list, whose groups the form offers (issue 15).
    let places: PlaceList

    var endpoints: RouteCollection<AppRequestContext> {
        let routes = RouteCollection(context: AppRequestContext.self)
        routes.group().add(middleware: RequireRole(.learner)).post("/courses/:slug/enroll", use: enrollSelf)
        routes.group().add(middleware: RequireRole(.trainer))
            .get(RouterPath(SitePath.enrollOthers), use: enrollOthersForm)
            .post(RouterPath(SitePath.enrollOthers), use: enrollOthers)
        return routes
    }

    var apiEndpoints: RouteCollection<AppRequestContext> {
        let routes = RouteCollection(context: AppRequestContext.self)
        routes.add(middleware: RequireRole(.learner))
        routes.post("/courses/:slug/enrollment", use: apiEnroll)
        routes.get("/me/enrollments", use: apiEnrollments)
        return routes
    }

    /// The signed-in learner enrols in an open course from its page.
    @Sendable func enrollSelf(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, course) = try selfEnrolment(context)
        try await enrollments.enroll(userID: user.id, course: course.slug, by: user.id)
        return .redirect(to: SitePath.course(course.slug), type: .normal)
    }

    func selfEnrolment(_ context: AppRequestContext) throws -> (SignedIn, Course) {
        let user = try context.requireSignedIn()
        let course = try CourseRoutes.course(from: context, in: catalog.snapshot)
        guard course.isOpen || user.role != .learner else { throw AppError(.forbidden, "course_closed") }
        return (user, course)
    }

    /// `POST /api/v1/courses/{slug}/enrollment`: 201 the first time, 200 after.
    @Sendable func apiEnroll(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, course) = try selfEnrolment(context)
        let created = try await enrollments.enroll(userID: user.id, course: course.slug, by: user.id)
        struct Enrolled: ResponseEncodable {
            let course: String
            let enrolled: Bool
        }
        var response = try Enrolled(course: course.slug, enrolled: true).response(from: request, context: context)
        response.status = created ? .created : .ok
        return response
    }

    /// One enrolment as the API shows it.
    struct EnrollmentInfo: Codable {
        let course: String
        let enrolledAt: Date
        let progressPercent: Int
        let completed: Bool
        let quizzes: [QuizInfo]
    }

    struct QuizInfo: Codable {
        let slug: String
        let bestPercent: Double?
        let passed: Bool
        let attemptsUsed: Int
    }

    /// `GET /api/v1/me/enrollments`: the caller's courses with progress.
    @Sendable func apiEnrollments(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try context.requireSignedIn()
        let list = try await progress.progress(userID: user.id, catalog: catalog.snapshot).map { item in
            EnrollmentInfo(
                course: item.course.slug, enrolledAt: item.enrolledAt, progressPercent: item.percent,
                completed: item.completed,
                quizzes: item.quizzes.map {
                    QuizInfo(
                        slug: $0.slug, bestPercent: $0.bestPercent, passed: $0.passed, attemptsUsed: $0.attemptsUsed)
                })
        }
        let data = try context.responseEncoder.encode(list)
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        headers[.cacheControl] = "no-store"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
