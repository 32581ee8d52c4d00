import Foundation

/// A learner's standing in one quiz: best score, whether it is passed, attempts used.
public struct QuizStanding: Sendable, Equatable, Codable {
    public var slug: String
    public var bestPercent: Double?
    public var passed: Bool
    public var attemptsUsed: Int

    public init(slug: String, bestPercent: Double? = nil, passed: Bool = false, attemptsUsed: Int = 0) {
        self.slug = slug
        self.bestPercent = bestPercent
        self.passed = passed
        self.attemptsUsed = attemptsUsed
    }
}

/// A learner's progress in one course: lessons opened, quizzes passed, completion, where to continue.
public struct CourseProgress: Sendable {
    public var course: Course
    public var enrolledAt: Date
    public var lessonsOpened: Int
    public var lessonsTotal: Int
    public var quizzes: [QuizStanding]
    /// The course's completion rule is met (`Course.isCompleted`, the one rule).
    public var completed: Bool
    /// Lessons opened and quizzes passed, out of all lessons and quizzes; 100 exactly when completed.
    public var percent: Int
    /// The module to go on with: the first one not yet done after the last opened, or the first.
    public var continueModule: String?
    /// Modules whose lesson the learner has opened.
    public var openedLessons: Set<String>

    public init(
        course: Course, enrolledAt: Date, openedLessons: Set<String>, lastOpened: String?,
        standings: [String: QuizStanding]
    ) {
        self.course = course
        self.enrolledAt = enrolledAt
        self.openedLessons = openedLessons
        let lessons = course.modules.filter { $0.lessonHTML != nil }
        let quizModules = course.modules.filter { $0.quiz != nil }
        lessonsTotal = lessons.count
        lessonsOpened = lessons.filter { openedLessons.contains($0.slug) }.count
        quizzes = quizModules.map { standings[$0.slug] ?? QuizStanding(slug: $0.slug) }
        let passed = Set(quizzes.filter(\.passed).map(\.slug))
        completed = course.isCompleted(read: openedLessons, passed: passed)
        // Lessons read and quizzes passed out of all of them, but 100 exactly when the course is completed and never
        // before (issue 15: no "completed" at 23 %, no 100 % that is not completion).
        let total = lessonsTotal + quizModules.count
        let share = total == 0 ? 0 : Int((Double(lessonsOpened + passed.count) * 100 / Double(total)).rounded())
        percent = completed ? 100 : min(99, share)
        func done(_ module: CourseModule) -> Bool {
            (module.lessonHTML == nil || openedLessons.contains(module.slug))
                && (module.quiz == nil || passed.contains(module.slug))
        }
        let start = lastOpened.flatMap { course.moduleIndex($0) } ?? 0
        continueModule =
            (course.modules[start...].first { !done($0) } ?? course.modules.first { !done($0) })?.slug
            ?? course.modules.first?.slug
    }
}
