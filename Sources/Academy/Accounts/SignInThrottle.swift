import Foundation
import Synchronization

/// Slows down password guessing: a few failures per username and per address, then a pause.
///
/// Kept in memory: a restart forgets it, which only ever helps a legitimate user.
public final class SignInThrottle: Sendable {
    let window: TimeInterval
    let perUsername: Int
    let perAddress: Int
    private let failures = Mutex<[String: [Date]]>([:])

    public init(window: TimeInterval = 15 * 60, perUsername: Int = 5, perAddress: Int = 30) {
        self.window = window
        self.perUsername = perUsername
        self.perAddress = perAddress
    }

    private func keys(username: String, address: String?) -> [(String, Int)] {
        var keys = [("u:" + username.lowercased(), perUsername)]
        if let address { keys.append(("a:" + address, perAddress)) }
        return keys
    }

    /// Seconds until another try is allowed, or nil when a try is allowed now.
    public func retryAfter(username: String, address: String?, now: Date = Date()) -> TimeInterval? {
        failures.withLock { table in
            var wait: TimeInterval?
            for (key, limit) in keys(username: username, address: address) {
                let recent = (table[key] ?? []).filter { now.timeIntervalSince($0) < window }
                table[key] = recent.isEmpty ? nil : recent
                if recent.count >= limit, let oldest = recent.first {
                    wait = max(wait ?? 0, window - now.timeIntervalSince(oldest))
                }
            }
            return wait
        }
    }

    public func recordFailure(username: String, address: String?, now: Date = Date()) {
        failures.withLock { table in
            for (key, _) in keys(username: username, address: address) { table[key, default: []].append(now) }
        }
    }

    /// A successful sign-in clears the username's count (not the address's).
    public func recordSuccess(username: String) {
        _ = failures.withLock { $0.removeValue(forKey: "u:" + username.lowercased()) }
    }
}
