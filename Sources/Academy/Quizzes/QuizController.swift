import Foundation
import Hummingbird

/// The quiz pages: the quiz's front page, the attempt form (works without JavaScript), and the result.
struct QuizController {
    let attempts: AttemptStore
    let enrollments: EnrollmentStore
    let catalog: CourseCatalog
    let pages: PageRenderer

    var endpoints: RouteCollection<AppRequestContext> {
        let routes = RouteCollection(context: AppRequestContext.self)
        routes.group().add(middleware: RequireRole(.learner)).post("/courses/:slug/:module/quiz", use: start)
        routes.add(middleware: RequireRole.signedIn)
        routes.get("/courses/:slug/:module/quiz", use: front)
        routes.get("/attempts/:id", use: show)
        routes.post("/attempts/:id/save", use: saveAll)
        routes.post("/attempts/:id/submit", use: submit)
        return routes
    }

    func quizModule(_ context: AppRequestContext) throws -> (Course, CourseModule, Quiz) {
        let course = try CourseRoutes.course(from: context, in: catalog.snapshot)
        let (module, _) = try CourseRoutes.module(from: context, in: course)
        guard let quiz = module.quiz else { throw QuizError.noQuiz }
        return (course, module, quiz)
    }

    /// What the quiz asks, the learner's earlier attempts, and the button to start or go on.
    @Sendable func front(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try context.requireSignedIn()
        let (course, module, quiz) = try quizModule(context)
        let language = context.language
        let history = try await attempts.attempts(userID: user.id, course: course.slug, module: module.slug)
        let enrolled = try await enrollments.isEnrolled(userID: user.id, course: course.slug)
        let open = history.first { $0.isOpen && !$0.isExpired(at: Date()) }
        let usedUp = quiz.maxAttempts > 0 && history.count >= quiz.maxAttempts && open == nil
        let data: [String: Any] = [
            "courseURL": SitePath.course(course.slug), "courseTitle": course.title.text(language),
            "title": module.title.text(language), "facts": QuizFacts.describe(quiz, strings: pages.strings, language: language),
            "history": history.map { QuizView.historyRow($0, pages: pages, context: context) },
            "hasHistory": !history.isEmpty, "enrolled": enrolled, "enrollURL": SitePath.enroll(course.slug),
            "startURL": SitePath.quiz(course.slug, module.slug), "resume": open != nil, "usedUp": usedUp,
            "canStart": enrolled && !usedUp,
            "statsURL": [.trainer, .admin].contains(user.role) ? SitePath.quizStats(course.slug, module.slug) : "",
            "lessonURL": module.lessonHTML == nil ? "" : SitePath.module(course.slug, module.slug),
        ]
        return pages.page("quiz", title: module.title.text(language), data: data, request: request, context: context)
    }

    /// Starts (or resumes) the attempt and goes to it.
    @Sendable func start(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try context.requireSignedIn()
        let (course, module, _) = try quizModule(context)
        let (attempt, _) = try await attempts.startOrResume(userID: user.id, course: course, module: module)
        return .redirect(to: SitePath.attempt(attempt.id), type: .normal)
    }

    /// The attempt: the form while it is open, the result once it is graded.
    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try context.requireSignedIn()
        var attempt = try await owned(context, user)
        if attempt.isOpen && attempt.isExpired(at: Date()) {
            attempt = try await attempts.submit(
                attemptID: attempt.id, userID: user.id, answers: nil, course: catalog.snapshot.course(attempt.courseSlug))
        }
        return try await render(attempt, request, context, status: .ok)
    }

    func owned(_ context: AppRequestContext, _ user: SignedIn) async throws -> Attempt {
        let id = context.parameters.get("id") ?? ""
        guard let attempt = try await attempts.attempt(id: id) else { throw QuizError.attemptNotFound }
        guard attempt.userId == user.id else { throw QuizError.notYourAttempt }
        return attempt
    }

    func render(_ attempt: Attempt, _ request: Request, _ context: AppRequestContext, status: HTTPResponse.Status)
        async throws -> Response
    {
        let quiz = try await attempts.quiz(for: attempt)
        let saved = try await attempts.answers(attemptID: attempt.id)
        let course = catalog.snapshot.course(attempt.courseSlug)
        let data = QuizView.attempt(attempt, quiz: quiz, saved: saved, course: course, pages: pages, context: context)
        let title = (data["title"] as? String) ?? ""
        return pages.page(
            attempt.isOpen ? "attempt" : "result", title: title, data: data, request: request, context: context,
            status: status)
    }

    /// Without JavaScript: saves every answer on the form and shows the form again.
    @Sendable func saveAll(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try context.requireSignedIn()
        let attempt = try await owned(context, user)
        let form = try await FormData.read(request, context: context)
        for (questionID, answer) in QuizView.answers(from: form, layout: attempt.layoutJson) {
            try await attempts.save(attemptID: attempt.id, userID: user.id, questionID: questionID, answer: answer)
        }
        return .redirect(to: SitePath.attempt(attempt.id) + "?saved=1", type: .normal)
    }

    /// Grades the attempt with the answers on the form; a repeat shows the same result.
    @Sendable func submit(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try context.requireSignedIn()
        let attempt = try await owned(context, user)
        let form = try await FormData.read(request, context: context)
        _ = try await attempts.submit(
            attemptID: attempt.id, userID: user.id,
            answers: attempt.isOpen ? QuizView.answers(from: form, layout: attempt.layoutJson) : nil,
            course: catalog.snapshot.course(attempt.courseSlug))
        return .redirect(to: SitePath.attempt(attempt.id), type: .normal)
    }
}
