/// Every in-memory cache of the server, made once at start-up by `makeServices` and handed explicitly to the one
/// store or renderer that uses each. Nothing else keeps values between requests: there is no static cache, and a
/// test that makes fresh services gets a fresh set.
public struct Caches: Sendable {
    /// Rendered shared page bodies and layout parts (`PageRenderer`).
    public let pages: PageCaches
    /// Sessions resolved in the last half minute (`SessionStore`).
    let sessions: SessionCache
    /// The lesson each learner opened last (`EnrollmentStore`).
    let lessonViews: RecentLessonViews
    /// Decoded quiz snapshots (`AttemptStore`).
    let quizSnapshots: QuizSnapshots
    /// Normalised accepted answers of short-answer questions (`AttemptStore`, through `Grader`).
    let acceptedAnswers: NormalizedForms

    /// A fresh set. The session cache starts observing `database`'s commits here, once: one cache, one observer.
    init(database: AppDatabase) {
        pages = PageCaches()
        sessions = SessionCache()
        sessions.observe(database.writer)
        lessonViews = RecentLessonViews()
        quizSnapshots = QuizSnapshots()
        acceptedAnswers = NormalizedForms()
    }
}
