import Foundation

/// What completing a course still needs, in words and with links, or that it is complete and where its certificate
/// is (issue 16): the course page and a quiz's result page show it (`completion_note.mustache`). It reads
/// `Course.missing`, the same rule as the badge, the progress and the certificate, so they never disagree.
struct CompletionNote: Sendable, Encodable {
    /// A module to go to: its number and title, and its lesson or quiz.
    struct Link: Sendable, Encodable {
        let url: String
        let title: String
    }

    let completed: Bool
    /// Lessons still to read, in the course's order.
    let lessons: [Link]
    /// Quizzes still to pass, in the course's order.
    let quizzes: [Link]
    /// The certificate this completion earned, once it is signed.
    let certificateURL: String?
    /// Complete, the course gives a certificate, and it is not signed yet (it is, within seconds).
    let certificatePending: Bool
}

extension CompletionNote {
    /// The note for a learner who has opened the lessons `read` and passed the quizzes `passed` of `course`, and
    /// holds the certificate `certificateCode` of it, if any. Nil for a course that requires nothing (it cannot be
    /// completed, so there is nothing to say).
    init?(
        course: Course, read: Set<String>, passed: Set<String>, certificateCode: String?, strings: Strings,
        language: Language
    ) {
        guard !(course.requiredLessons.isEmpty && course.requiredQuizzes.isEmpty) else { return nil }
        func link(_ slug: String, _ url: (String, String) -> String) -> Link? {
            guard let index = course.moduleIndex(slug) else { return nil }
            let title = strings.text(
                "completion_module", language,
                [LocalText.count(index + 1, language), course.modules[index].title.text(language)])
            return Link(url: url(course.slug, slug), title: title)
        }
        let missing = course.missing(read: read, passed: passed)
        let completed = course.isCompleted(read: read, passed: passed)
        self.init(
            completed: completed, lessons: missing.lessons.compactMap { link($0, SitePath.module) },
            quizzes: missing.quizzes.compactMap { link($0, SitePath.quiz) },
            certificateURL: certificateCode.map(SitePath.certificate),
            certificatePending: completed && certificateCode == nil && course.certificate != nil)
    }
}
