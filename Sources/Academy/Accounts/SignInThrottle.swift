import Foundation
import Synchronization

/// Slows down password guessing: a few failures per username and per address, then a pause.
///
/// A try is counted when it starts, before the slow password hash, and forgiven if it succeeds: otherwise many
/// guesses sent at once would all pass the check before the first of them was counted (issue 13, point 6).
/// Kept in memory: a restart forgets it, which only ever helps a legitimate user.
public final class SignInThrottle: Sendable {
    let window: TimeInterval
    let perUsername: Int
    let perAddress: Int
    private let state = Mutex<(failures: [String: [Date]], pruneAt: Int)>(([:], 10_000))

    public init(window: TimeInterval = 15 * 60, perUsername: Int = 5, perAddress: Int = 30) {
        self.window = window
        self.perUsername = perUsername
        self.perAddress = perAddress
    }

    /// A try that was let through and counted; give it back to `succeeded` when the password was right.
    public struct Attempt: Sendable {
        let keys: [String]
        let at: Date
    }

    /// The name as the account look-up reads it (`Text.clean`; usernames compare without case), so that
    /// " admin", "admin\u{00a0}" and "ADMIN" are one name here as they are one account there.
    static func usernameKey(_ username: String) -> String { "u:" + Text.clean(username).lowercased() }

    /// An IPv6 client counts by its /64 (see `IPAddress.clientKey`); an address that cannot be read, as it is.
    static func addressKey(_ address: String) -> String { "a:" + (IPAddress(address)?.clientKey ?? address) }

    private func keys(username: String, address: String?) -> [(String, Int)] {
        var keys = [(Self.usernameKey(username), perUsername)]
        if let address { keys.append((Self.addressKey(address), perAddress)) }
        return keys
    }

    /// Lets a try through and counts it as a failure until `succeeded` says otherwise; or, when the name or the
    /// address has used up its tries, the seconds to wait.
    public func begin(username: String, address: String?, now: Date = Date()) -> Result<Attempt, Throttled> {
        let keys = keys(username: username, address: address)
        return state.withLock { state in
            if let wait = Self.wait(keys, in: &state.failures, window: window, now: now) { return .failure(wait) }
            for (key, _) in keys { state.failures[key, default: []].append(now) }
            prune(&state, now: now)
            return .success(Attempt(keys: keys.map(\.0), at: now))
        }
    }

    /// The password was right: forget the name's failures and this try's count against the address.
    public func succeeded(_ attempt: Attempt) {
        state.withLock { state in
            for key in attempt.keys {
                if key.hasPrefix("u:") {
                    state.failures[key] = nil
                } else if let index = state.failures[key]?.firstIndex(of: attempt.at) {
                    state.failures[key]?.remove(at: index)
                }
            }
        }
    }

    /// Seconds until another try is allowed, or nil when a try is allowed now.
    public func retryAfter(username: String, address: String?, now: Date = Date()) -> TimeInterval? {
        let keys = keys(username: username, address: address)
        return state.withLock { state in Self.wait(keys, in: &state.failures, window: window, now: now)?.seconds }
    }

    /// Counts a failure that did not go through `begin`.
    public func recordFailure(username: String, address: String?, now: Date = Date()) {
        state.withLock { state in
            for (key, _) in keys(username: username, address: address) { state.failures[key, default: []].append(now) }
            prune(&state, now: now)
        }
    }

    /// Refused for `seconds`.
    public struct Throttled: Error, Sendable {
        public let seconds: TimeInterval
        /// Whole minutes, rounded up, as the error message says it.
        public var minutes: Int { Int((seconds / 60).rounded(.up)) }
    }

    private static func wait(
        _ keys: [(String, Int)], in failures: inout [String: [Date]], window: TimeInterval, now: Date
    ) -> Throttled? {
        var wait: TimeInterval?
        for (key, limit) in keys {
            let recent = (failures[key] ?? []).filter { now.timeIntervalSince($0) < window }
            failures[key] = recent.isEmpty ? nil : recent
            if recent.count >= limit, let oldest = recent.first {
                wait = max(wait ?? 0, window - now.timeIntervalSince(oldest))
            }
        }
        return wait.map(Throttled.init)
    }

    /// Many names or addresses (random names, IPv6) would otherwise each leave an entry for ever: once the table
    /// has grown, drop what is past the window; the next clean-up waits until it has doubled, so this is amortised.
    private func prune(_ state: inout (failures: [String: [Date]], pruneAt: Int), now: Date) {
        guard state.failures.count > state.pruneAt else { return }
        state.failures = state.failures.compactMapValues { dates in
            let recent = dates.filter { now.timeIntervalSince($0) < window }
            return recent.isEmpty ? nil : recent
        }
        state.pruneAt = max(10_000, state.failures.count * 2)
    }
}
