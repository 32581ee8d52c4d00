import Foundation
import GRDB
import Synchronization

/// Decoded quiz snapshots by course, module and content version. A snapshot never changes once stored
/// (`quiz_version` is insert-only), so decoding its JSON once per server run is enough.
final class QuizSnapshots: Sendable {
    private let decoded = Mutex<[String: Quiz]>([:])

    /// The quiz exactly as it was when the attempt started.
    func quiz(_ db: Database, for attempt: Attempt) throws -> Quiz {
        let key = attempt.courseSlug + "\u{1F}" + attempt.moduleSlug + "\u{1F}" + attempt.contentVersion
        if let quiz = decoded.withLock({ $0[key] }) { return quiz }
        let quiz = try AttemptStore.quiz(db, for: attempt)
        decoded.withLock { table in
            // Quizzes times versions stay few; the bound only guards against a pathological number of reloads.
            if table.count > 1_000 { table.removeAll() }
            table[key] = quiz
        }
        return quiz
    }
}
