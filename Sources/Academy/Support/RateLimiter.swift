import Foundation
import Synchronization

/// Per-address limits on public look-ups, so certificate codes cannot be guessed by brute force.
public final class RateLimiter: Sendable {
    let limit: Int
    let window: TimeInterval
    private let counts = Mutex<(table: [String: (start: Date, count: Int)], pruneAt: Int)>(([:], 50_000))

    public init(limit: Int, window: TimeInterval) {
        self.limit = limit
        self.window = window
    }

    /// True when this address may make another look-up now.
    public func allow(_ key: String?, now: Date = Date()) -> Bool {
        let key = key ?? "unknown"
        return counts.withLock { state in
            // Forget addresses whose minute is over once the table is large. The next clean-up waits until the
            // table has doubled again, so many addresses at once (IPv6) cost amortised O(1), not O(n), a call.
            if state.table.count > state.pruneAt {
                state.table = state.table.filter { now.timeIntervalSince($0.value.start) < window }
                state.pruneAt = max(50_000, state.table.count * 2)
            }
            var entry = state.table[key] ?? (now, 0)
            if now.timeIntervalSince(entry.start) >= window { entry = (now, 0) }
            entry.count += 1
            state.table[key] = entry
            return entry.count <= limit
        }
    }

    /// How many addresses the limiter remembers now.
    var trackedAddresses: Int { counts.withLock { $0.table.count } }
}
