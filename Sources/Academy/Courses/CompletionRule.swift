/// What completing a course takes (course.yaml `completion:`, issue 15): the lessons to read and the quizzes to pass.
/// Progress, the "completed" badge, reports and the certificate all ask `Course.isCompleted`, so they never disagree.
public struct CompletionRule: Sendable, Equatable {
    /// `all`, `none`, or a list of module slugs.
    public enum Scope: Sendable, Equatable {
        case all, none
        case modules([String])
    }

    public var lessons: Scope
    public var quizzes: Scope

    public init(lessons: Scope, quizzes: Scope) {
        self.lessons = lessons
        self.quizzes = quizzes
    }
}

extension Course {
    /// Without `completion:`, what `certificate.requires` says, as before issue 15: its quizzes passed (every quiz
    /// when the course has no certificate), no lesson required. A course that wants lessons read says so.
    public var completionRule: CompletionRule {
        completion
            ?? CompletionRule(lessons: .none, quizzes: certificate.map { .modules($0.requires) } ?? .all)
    }

    /// Modules whose lesson must be read, in the course's order.
    public var requiredLessons: [String] {
        switch completionRule.lessons {
        case .all: modules.filter { $0.lessonHTML != nil }.map(\.slug)
        case .none: []
        case .modules(let slugs): modules.filter { slugs.contains($0.slug) && $0.lessonHTML != nil }.map(\.slug)
        }
    }

    /// Modules whose quiz must be passed, in the course's order.
    public var requiredQuizzes: [String] {
        switch completionRule.quizzes {
        case .all: modules.filter { $0.quiz != nil }.map(\.slug)
        case .none: []
        case .modules(let slugs): modules.filter { slugs.contains($0.slug) && $0.quiz != nil }.map(\.slug)
        }
    }

    /// The one rule: every required lesson read and every required quiz passed. A course that requires nothing
    /// cannot be completed (there would be nothing to confirm).
    public func isCompleted(read: Set<String>, passed: Set<String>) -> Bool {
        let (lessons, quizzes) = (requiredLessons, requiredQuizzes)
        guard !(lessons.isEmpty && quizzes.isEmpty) else { return false }
        return lessons.allSatisfy(read.contains) && quizzes.allSatisfy(passed.contains)
    }

    /// What is still missing: the modules whose lesson is unread and those whose quiz is not passed.
    public func missing(read: Set<String>, passed: Set<String>) -> (lessons: [String], quizzes: [String]) {
        (requiredLessons.filter { !read.contains($0) }, requiredQuizzes.filter { !passed.contains($0) })
    }
}
