import Foundation
import GRDB

/// Decoded quiz snapshots by course, module and content version. A snapshot never changes once stored
/// (`quiz_version` is insert-only), so decoding its JSON once per server run is enough.
final class QuizSnapshots: Sendable {
    /// Quizzes × content versions stay few; the bound only guards against a pathological number of reloads.
    private let decoded = MemoTable<Quiz>(capacity: 1_000)

    /// The quiz exactly as it was when the attempt started.
    func quiz(_ db: Database, for attempt: Attempt) throws -> Quiz {
        let key = attempt.courseSlug + "\u{1F}" + attempt.moduleSlug + "\u{1F}" + attempt.contentVersion
        return try decoded.value(key) { try AttemptStore.quiz(db, for: attempt) }
    }
}
