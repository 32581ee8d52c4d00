/// How a learner's progress in a course is shown on the home and course pages.
enum ProgressView {
    static func card(_ item: CourseProgress, language: Language, pages: PageRenderer, context: AppRequestContext)
        -> [String: Any]
    {
        let course = item.course
        var card: [String: Any] = [
            "title": course.title.text(language),
            "url": SitePath.course(course.slug),
            "percent": item.percent,
            "percentLabel": pages.text("progress_percent", context, String(item.percent)),
            "lessons": pages.text("progress_lessons", context, String(item.lessonsOpened), String(item.lessonsTotal)),
            "completed": item.completed,
        ]
        if let slug = item.continueModule, let module = course.module(slug) {
            // Lesson read (or none): go straight to the quiz that is still to pass.
            let lessonDone = module.lessonHTML == nil || item.openedLessons.contains(slug)
            card["continueURL"] = lessonDone && module.quiz != nil
                ? SitePath.quiz(course.slug, slug) : SitePath.module(course.slug, slug)
            card["continueTitle"] = module.title.text(language)
        }
        card["quizzes"] = item.quizzes.compactMap { standing -> [String: Any]? in
            guard let module = course.module(standing.slug) else { return nil }
            return [
                "title": module.title.text(language),
                "best": standing.bestPercent.map { QuizFacts.format($0) + "%" } ?? "—",
                "passed": standing.passed,
                "attempts": standing.attemptsUsed,
            ]
        }
        return card
    }
}
