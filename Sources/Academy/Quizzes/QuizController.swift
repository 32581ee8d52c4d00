import Foundation
import Hummingbird

/// The quiz pages: the quiz's front page, the attempt form (works without JavaScript), and the result.
struct QuizController {
    let attempts: AttemptStore
    let enrollments: EnrollmentStore
    let catalog: CourseCatalog
    let pages: PageRenderer
    /// For the result page's "what completing the course still needs".
    let progress: ProgressService
    /// The certificate a completed course links to; nil in tests that issue none.
    var certificates: CertificateService? = nil

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
        let history = try await attempts.attempts(userID: user.id, course: course.slug, module: module.slug)
        let enrolled = try await enrollments.isEnrolled(userID: user.id, course: course.slug)
        let page = QuizPage(
            course: course, module: module, quiz: quiz, history: history, enrolled: enrolled, role: user.role,
            now: Date(), strings: pages.strings, language: context.language)
        return pages.render(page, request: request, context: context)
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
                attemptID: attempt.id, userID: user.id, answers: nil,
                course: catalog.snapshot.course(attempt.courseSlug))
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
        let (strings, language) = (pages.strings, context.language)
        guard attempt.isOpen else {
            var result = ResultPage(
                attempt, quiz: quiz, saved: saved, course: course, strings: strings, language: language)
            if let course, let user = context.signedIn {
                let history = try await attempts.attempts(
                    userID: user.id, course: course.slug, module: attempt.moduleSlug)
                let enrolled = try await enrollments.isEnrolled(userID: user.id, course: course.slug)
                result.addNext(
                    quiz: quiz, history: history, enrolled: enrolled, role: user.role, now: Date(),
                    completion: enrolled ? try await completion(course, userID: user.id, language: language) : nil,
                    strings: strings, language: language)
            }
            return pages.render(result, request: request, context: context, status: status)
        }
        var form = AttemptPage(attempt, quiz: quiz, saved: saved, course: course, strings: strings, language: language)
        let now = Date()
        form.remaining = attempt.deadline.map { max(0, Int($0.timeIntervalSince(now).rounded(.down))) }
        form.serverNow = Timestamp.text(now)
        return pages.render(form, request: request, context: context, status: status)
    }

    /// What completing `course` still needs for the learner, or that it is complete and where the certificate is.
    func completion(_ course: Course, userID: Int64, language: Language) async throws -> CompletionNote? {
        let read = try await enrollments.lessonViews(userID: userID, course: course.slug).opened
        let passed = Set(
            try await progress.standings(userID: userID, course: course).values.filter(\.passed).map(\.slug))
        let code = try await certificates?.certificates(userID: userID)
            .first { $0.courseSlug == course.slug && !$0.isRevoked }?.code
        return CompletionNote(
            course: course, read: read, passed: passed, certificateCode: code, strings: pages.strings,
            language: language)
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
