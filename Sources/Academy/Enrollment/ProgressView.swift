/// A learner's progress in one course, as the home and course pages show it (`progress_card.mustache`).
struct ProgressCard: Sendable, Encodable {
    let title: String
    let url: String
    let percent: Int
    let percentLabel: String
    let lessons: String
    let completed: Bool
    /// Where to go on: the next lesson, or the quiz still to pass once its lesson is read.
    let continueURL: String?
    let continueTitle: String?

    init(_ item: CourseProgress, strings: Strings, language: Language) {
        let course = item.course
        title = course.title.text(language)
        url = SitePath.course(course.slug)
        percent = item.percent
        percentLabel = strings.text(
            "progress_percent", language, [LocalText.percent(Double(item.percent) / 100, language)])
        lessons = strings.text(
            "progress_lessons", language,
            [LocalText.count(item.lessonsOpened, language), LocalText.count(item.lessonsTotal, language)])
        completed = item.completed
        if let slug = item.continueModule, let module = course.module(slug) {
            let lessonDone = module.lessonHTML == nil || item.openedLessons.contains(slug)
            continueURL =
                lessonDone && module.quiz != nil ? SitePath.quiz(course.slug, slug) : SitePath.module(course.slug, slug)
            continueTitle = module.title.text(language)
        } else {
            continueURL = nil
            continueTitle = nil
        }
    }
}
