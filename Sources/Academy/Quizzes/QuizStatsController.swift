import Foundation
import Hummingbird

/// For trainers and admins: a quiz with its answer key and how learners did on each question.
struct QuizStatsController {
    let database: AppDatabase
    let catalog: CourseCatalog
    let pages: PageRenderer

    var endpoints: RouteCollection<AppRequestContext> {
        let routes = RouteCollection(context: AppRequestContext.self)
        routes.add(middleware: RequireRole(.trainer))
        routes.get("/courses/:slug/:module/quiz/stats", use: show)
        return routes
    }

    /// The answer key beside each question's share of right answers and most common wrong answer.
    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let course = try CourseRoutes.course(from: context, in: catalog.snapshot)
        let (module, _) = try CourseRoutes.module(from: context, in: course)
        guard let quiz = module.quiz else { throw QuizError.noQuiz }
        let stats = try await QuizStats.compute(
            database: database, course: course.slug, module: module.slug, quiz: quiz)
        let page = QuizStatsPage(
            course: course, module: module, stats: stats, strings: pages.strings, language: context.language)
        return pages.render(page, request: request, context: context)
    }
}
