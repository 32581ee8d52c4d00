import Foundation
import GRDB
import Synchronization

/// Runs many small writes (quiz answers and submissions) in shared transactions: whatever arrives while one
/// transaction runs goes into the next. A burst of thousands of learners then costs one hop to the writer and
/// one commit per batch instead of per request; a lone request still goes at once.
///
/// Each job runs in its own savepoint, so a refused job (not your attempt, attempt closed) changes nothing and
/// does not affect the others. Every caller hears back only after the commit: an acknowledged write is on disk
/// as far as SQLite's `synchronous` setting promises, exactly as with a transaction of its own.
final class WriteBatcher: Sendable {
    private struct Pending: Sendable {
        /// Runs the job; returns what to tell its caller once the transaction has committed.
        let perform: @Sendable (Database) -> @Sendable () -> Void
        /// Tells the caller the whole transaction failed.
        let fail: @Sendable (any Error) -> Void
    }

    private struct State {
        var pending: [Pending] = []
        var draining = false
    }

    private let writer: any DatabaseWriter
    private let state = Mutex(State())
    /// Most jobs in one transaction, so the first in a large burst is not kept waiting for the last.
    let batchLimit: Int

    init(writer: any DatabaseWriter, batchLimit: Int = 128) {
        self.writer = writer
        self.batchLimit = batchLimit
    }

    /// Runs `job` inside a write transaction shared with other jobs; returns once that transaction has committed.
    func write<T: Sendable>(_ job: @escaping @Sendable (Database) throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
            let pending = Pending(
                perform: { db in
                    do {
                        var value: T?
                        try db.inSavepoint {
                            value = try job(db)
                            return .commit
                        }
                        guard let value else {
                            return { continuation.resume(throwing: DatabaseError(message: "no result")) }
                        }
                        return { continuation.resume(returning: value) }
                    } catch {
                        return { continuation.resume(throwing: error) }
                    }
                },
                fail: { error in continuation.resume(throwing: error) })
            let start = state.withLock { state -> Bool in
                state.pending.append(pending)
                if state.draining { return false }
                state.draining = true
                return true
            }
            if start { Task { await self.drain() } }
        }
    }

    private func drain() async {
        while true {
            let batch = state.withLock { state -> [Pending] in
                guard !state.pending.isEmpty else {
                    state.draining = false
                    return []
                }
                let count = min(batchLimit, state.pending.count)
                let batch = Array(state.pending.prefix(count))
                state.pending.removeFirst(count)
                return batch
            }
            if batch.isEmpty { return }
            do {
                let start = ContinuousClock.now
                let replies = try await writer.write { db in batch.map { $0.perform(db) } }
                Telemetry.commitSeconds.record(Telemetry.since(start))
                Telemetry.batchSize.record(Double(batch.count))
                for reply in replies { reply() }
            } catch {
                for pending in batch { pending.fail(error) }
            }
        }
    }
}
