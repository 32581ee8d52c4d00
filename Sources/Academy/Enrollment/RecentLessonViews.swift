import Foundation
import Synchronization

/// The lesson each learner opened last, and when that was written to the database. Reloading the same lesson
/// within `interval` writes nothing: the database keeps the first and the latest opening to within that
/// interval, and "continue where you left off" stays exact because opening any other lesson is written at once.
final class RecentLessonViews: Sendable {
    private struct Last {
        let course: String
        let module: String
        let at: Date
    }

    private let last = Mutex<[Int64: Last]>([:])
    let interval: TimeInterval
    let capacity: Int

    init(interval: TimeInterval = 300, capacity: Int = 200_000) {
        self.interval = interval
        self.capacity = capacity
    }

    /// True when this opening was already written a moment ago.
    func isRecent(userID: Int64, course: String, module: String, now: Date) -> Bool {
        last.withLock { table in
            guard let last = table[userID] else { return false }
            return last.course == course && last.module == module && now.timeIntervalSince(last.at) < interval
                && now >= last.at
        }
    }

    func written(userID: Int64, course: String, module: String, at now: Date) {
        last.withLock { table in
            if table.count >= capacity { table.removeAll(keepingCapacity: true) }
            table[userID] = Last(course: course, module: module, at: now)
        }
    }
}
