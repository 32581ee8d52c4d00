import Foundation
import GRDB
import Signing

/// Creates, finds and ends sessions. Tokens are 256-bit random values from OpenSSL; the database keeps SHA-256.
public struct SessionStore: Sendable {
    let database: AppDatabase
    let idleTimeout: TimeInterval
    let absoluteTimeout: TimeInterval

    /// `cache` is the one session cache of the server (`Caches.sessions`), which observes `database`'s commits.
    init(database: AppDatabase, config: AppConfig, cache: SessionCache) {
        self.database = database
        self.idleTimeout = TimeInterval(config.sessionIdleMinutes * 60)
        self.absoluteTimeout = TimeInterval(config.sessionAbsoluteHours * 3600)
        self.cache = cache
    }

    /// Sessions resolved in the last half minute; see `SessionCache` for why it is never stale.
    let cache: SessionCache

    static func hash(_ token: String) -> String { Digest.sha256Hex(Array(token.utf8)) }

    /// Starts a session and returns its token, which is never stored.
    public func create(userID: Int64, kind: String, now: Date = Date()) async throws -> String {
        let token = try SecureRandom.token()
        let session = Session(
            tokenHash: Self.hash(token), userId: userID, kind: kind, createdAt: now, lastSeenAt: now,
            expiresAt: now.addingTimeInterval(absoluteTimeout))
        try await database.writer.write { db in
            var session = session
            try session.insert(db)
            // Housekeeping: drop this user's expired sessions.
            try Session.filter(Column("user_id") == userID && Column("expires_at") < now).deleteAll(db)
        }
        return token
    }

    /// The live session and active user for a token; nil when unknown, expired, idle too long or deactivated.
    public func resolve(token: String, now: Date = Date()) async throws -> (Session, User)? {
        guard token.count >= 32, token.count <= 64 else { return nil }
        let hash = Self.hash(token)
        let idle = idleTimeout
        let session: Session
        let user: User
        if let entry = cache.entry(hash, now: now) {
            (session, user) = (entry.session, entry.user)
        } else {
            let generation = cache.generation
            let found = try await database.writer.read { db -> (Session, User)? in
                guard
                    let session = try Session.fetchOne(
                        db.cachedStatement(sql: "SELECT * FROM session WHERE token_hash = ?"), arguments: [hash]),
                    let user = try User.fetchOne(
                        db.cachedStatement(sql: "SELECT * FROM user WHERE id = ?"), arguments: [session.userId])
                else { return nil }
                return (session, user)
            }
            guard let found else { return nil }
            (session, user) = found
            cache.store(hash, session: session, user: user, now: now, generation: generation)
        }
        let expired = session.expiresAt < now || session.lastSeenAt.addingTimeInterval(idle) < now
        guard !expired, user.active else {
            if expired { try await end(sessionID: session.id) }
            return nil
        }
        // Refresh the idle clock at most once a minute, to keep reads cheap.
        if now.timeIntervalSince(session.lastSeenAt) > 60, let id = session.id {
            try await database.writer.write { db in
                try db.execute(sql: "UPDATE session SET last_seen_at = ? WHERE id = ?", arguments: [now, id])
            }
            cache.touch(hash, lastSeenAt: now)
        }
        return (session, user)
    }

    public func end(sessionID: Int64?) async throws {
        guard let sessionID else { return }
        _ = try await database.writer.write { db in try Session.deleteOne(db, key: sessionID) }
    }

    /// Ends every session of a user (password change, reset, deactivation), but `except` when given.
    public func endAll(userID: Int64, except sessionID: Int64? = nil, in db: Database) throws {
        var sessions = Session.filter(Column("user_id") == userID)
        if let sessionID { sessions = sessions.filter(Column("id") != sessionID) }
        try sessions.deleteAll(db)
    }
}
