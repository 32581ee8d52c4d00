import Foundation
import Signing
import Synchronization

/// Something to show once after a redirect (a new one-time password), kept in memory for a few minutes and
/// readable only by the person who caused it. After a POST the browser is sent to a GET page, so reloading
/// that page can never repeat the action (post/redirect/get).
public final class OneTimeNotes: Sendable {
    private let notes = Mutex<[String: (owner: Int64, text: String, expires: Date)]>([:])

    public init() {}

    /// Stores a note and returns the key to put in the redirect address.
    public func put(_ text: String, owner: Int64, now: Date = Date()) throws -> String {
        let key = try SecureRandom.token()
        notes.withLock { table in
            table = table.filter { $0.value.expires > now }
            table[key] = (owner, text, now.addingTimeInterval(300))
        }
        return key
    }

    /// The note, once; nil if it expired, was read already, or belongs to someone else.
    public func take(_ key: String, owner: Int64, now: Date = Date()) -> String? {
        notes.withLock { table in
            guard let note = table[key], note.owner == owner, note.expires > now else { return nil }
            table[key] = nil
            return note.text
        }
    }
}
