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
        let stats = try await QuizStats.compute(database: database, course: course.slug, module: module.slug, quiz: quiz)
        let items: [[String: Any]] = stats.items.map { item in
            [
                "id": item.question.id, "text": item.question.text,
                "type": pages.text("qtype_\(item.question.type.rawValue)", context),
                "key": item.question.type == .truefalse
                    ? pages.text("choice_\(item.question.choices.first { $0.weight > 0 }?.id ?? "true")", context)
                    : Grader.correctAnswer(item.question),
                "share": item.answered == 0 ? "—" : "\(Int((item.rightShare * 100).rounded()))% (\(item.right)/\(item.answered))",
                "weak": item.answered >= 5 && item.rightShare < 0.5,
                "wrong": item.commonWrong.map { "\($0.text) (\($0.count))" } ?? "—",
            ]
        }
        return pages.page(
            "quiz_stats", title: pages.text("stats_title", context, module.title.text(context.language)),
            data: [
                "heading": pages.text("stats_title", context, module.title.text(context.language)),
                "attempts": pages.text("stats_attempts", context, String(stats.attempts)), "items": items,
                "quizURL": SitePath.quiz(course.slug, module.slug),
            ], request: request, context: context)
    }
}
