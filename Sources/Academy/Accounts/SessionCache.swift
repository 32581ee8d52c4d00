import Foundation
import GRDB
import Synchronization

/// Recently resolved sessions by token hash, so a signed-in page needs no database read.
///
/// It cannot serve a stale session: an observer on the writer connection evicts, when their transaction commits,
/// every session whose row is deleted or changed (other than its idle clock, which `SessionStore` keeps here
/// itself) and every session of a user whose row changes (role, password, deactivation, name). Changes made by
/// another process (the `academy` command) are seen once an entry's `lifetime` is over.
final class SessionCache: Sendable {
    struct Entry: Sendable {
        var session: Session
        var user: User
        let cachedAt: Date
    }

    private struct State {
        var byHash: [String: Entry] = [:]
        var hashBySession: [Int64: String] = [:]
        var hashesByUser: [Int64: Set<String>] = [:]
        /// Counts evictions: a session read from the database before an eviction may be stale, so it is not kept.
        var generation: UInt64 = 0
    }

    private let state = Mutex(State())
    let lifetime: TimeInterval
    let capacity: Int

    init(lifetime: TimeInterval = 30, capacity: Int = 100_000) {
        self.lifetime = lifetime
        self.capacity = capacity
    }

    /// Starts evicting on every commit of `writer`; for as long as the database is open.
    func observe(_ writer: any DatabaseWriter) {
        writer.add(transactionObserver: Observer(cache: self), extent: .databaseLifetime)
    }

    func entry(_ hash: String, now: Date) -> Entry? {
        state.withLock { state in
            guard let entry = state.byHash[hash] else { return nil }
            guard now.timeIntervalSince(entry.cachedAt) < lifetime else {
                Self.remove(hash, from: &state)
                return nil
            }
            return entry
        }
    }

    /// Take before reading a session from the database, and give to `store`.
    var generation: UInt64 { state.withLock { $0.generation } }

    /// Keeps what was read, unless something was evicted since `generation` was taken.
    func store(_ hash: String, session: Session, user: User, now: Date, generation: UInt64) {
        guard let sessionID = session.id, let userID = user.id else { return }
        state.withLock { state in
            guard state.generation == generation else { return }
            if state.byHash.count >= capacity { state = State(generation: state.generation) }
            state.byHash[hash] = Entry(session: session, user: user, cachedAt: now)
            state.hashBySession[sessionID] = hash
            state.hashesByUser[userID, default: []].insert(hash)
        }
    }

    /// The idle clock was written to the database: keep the cached copy in step.
    func touch(_ hash: String, lastSeenAt: Date) {
        state.withLock { state in state.byHash[hash]?.session.lastSeenAt = lastSeenAt }
    }

    func evict(sessions: Set<Int64>, users: Set<Int64>) {
        state.withLock { state in
            state.generation &+= 1
            for id in sessions {
                if let hash = state.hashBySession[id] { Self.remove(hash, from: &state) }
            }
            for id in users {
                for hash in state.hashesByUser[id] ?? [] { Self.remove(hash, from: &state) }
            }
        }
    }

    var count: Int { state.withLock { $0.byHash.count } }

    private static func remove(_ hash: String, from state: inout State) {
        guard let entry = state.byHash.removeValue(forKey: hash) else { return }
        if let id = entry.session.id { state.hashBySession[id] = nil }
        if let id = entry.user.id {
            state.hashesByUser[id]?.remove(hash)
            if state.hashesByUser[id]?.isEmpty == true { state.hashesByUser[id] = nil }
        }
    }

    /// Collects the rows a transaction changes and evicts them when it commits. Its state is only touched on the
    /// writer's queue, one transaction at a time.
    private final class Observer: TransactionObserver, @unchecked Sendable {
        let cache: SessionCache
        var sessions: Set<Int64> = []
        var users: Set<Int64> = []

        init(cache: SessionCache) { self.cache = cache }

        func observes(eventsOfKind eventKind: DatabaseEventKind) -> Bool {
            switch eventKind {
            case .insert: false  // a new row is in no cached entry
            case .delete(let table): table == "session" || table == "user"
            case .update(let table, let columns): table == "user" || (table == "session" && columns != ["last_seen_at"])
            }
        }

        func databaseDidChange(with event: DatabaseEvent) {
            if event.tableName == "session" { sessions.insert(event.rowID) } else { users.insert(event.rowID) }
        }

        func databaseDidCommit(_ db: Database) {
            if !sessions.isEmpty || !users.isEmpty { cache.evict(sessions: sessions, users: users) }
            sessions = []
            users = []
        }

        func databaseDidRollback(_ db: Database) {
            sessions = []
            users = []
        }
    }
}
