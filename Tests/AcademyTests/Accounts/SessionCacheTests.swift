import Foundation
import GRDB
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import Academy

/// Resolved sessions are kept in memory; nothing that ends a session or changes a person may be missed.
@Suite struct SessionCacheTests {
    @Test func aCachedSessionEndsAtOnceOnSignOut() async throws {
        let services = try await TestApp.services()
        let user = try await People.make(services, "hocvien")
        let token = try await services.sessions.create(userID: user.id ?? 0, kind: "cookie")
        let first = try await services.sessions.resolve(token: token)
        #expect(first?.1.username == "hocvien")
        #expect(services.sessions.cache.count == 1)
        try await services.sessions.end(sessionID: first?.0.id)
        #expect(try await services.sessions.resolve(token: token) == nil)
        #expect(services.sessions.cache.count == 0)
    }

    @Test func roleChangesAndDeactivationAreSeenAtOnce() async throws {
        let services = try await TestApp.services()
        let user = try await People.make(services, "canbo")
        let id = try #require(user.id)
        // a change of the user row alone (no session ended) must still reach the cached copy
        let token = try await services.sessions.create(userID: id, kind: "bearer")
        #expect(try await services.sessions.resolve(token: token)?.1.fullName == "Người canbo")
        try await services.database.writer.write { db in
            try db.execute(sql: "UPDATE user SET full_name = 'Tên mới' WHERE id = ?", arguments: [id])
        }
        #expect(try await services.sessions.resolve(token: token)?.1.fullName == "Tên mới")
        // role change ends the sessions
        try await UserDirectory(database: services.database, accounts: services.accounts)
            .setRole(userID: id, to: .trainer, sessions: services.sessions)
        #expect(try await services.sessions.resolve(token: token) == nil)
        // deactivation, with a session created and cached after the role change
        let again = try await services.sessions.create(userID: id, kind: "cookie")
        #expect(try await services.sessions.resolve(token: again)?.1.role == .trainer)
        try await services.database.writer.write { db in
            try db.execute(sql: "UPDATE user SET active = 0 WHERE id = ?", arguments: [id])
        }
        #expect(try await services.sessions.resolve(token: again) == nil)
    }

    @Test func aRolledBackChangeEvictsNothing() async throws {
        let services = try await TestApp.services()
        let user = try await People.make(services, "hocvien")
        let token = try await services.sessions.create(userID: user.id ?? 0, kind: "cookie")
        _ = try await services.sessions.resolve(token: token)
        struct Abort: Error {}
        _ = try? await services.database.writer.write { db in
            try db.execute(sql: "DELETE FROM session")
            throw Abort()
        }
        #expect(services.sessions.cache.count == 1)
        #expect(try await services.sessions.resolve(token: token) != nil)
    }

    @Test func aSessionReadBeforeAnEvictionIsNotKept() {
        let cache = SessionCache()
        let now = Date()
        let session = Session(
            id: 7, tokenHash: "h", userId: 3, kind: "cookie", createdAt: now, lastSeenAt: now,
            expiresAt: now.addingTimeInterval(3600))
        let user = User(username: "a", fullName: "A", role: .learner, passwordHash: "x")
        var stored = user
        stored.id = 3
        let generation = cache.generation
        // the session is deleted (and evicted) while a request was reading it from the database
        cache.evict(sessions: [7], users: [])
        cache.store("h", session: session, user: stored, now: now, generation: generation)
        #expect(cache.entry("h", now: now) == nil)
        // entries expire after their lifetime, so changes by other processes are seen too
        cache.store("h", session: session, user: stored, now: now, generation: cache.generation)
        #expect(cache.entry("h", now: now) != nil)
        #expect(cache.entry("h", now: now.addingTimeInterval(cache.lifetime + 1)) == nil)
    }
}

@Suite struct CookieAndRowTests {
    @Test func oneCookieIsFoundAmongOthers() {
        let request = Request(
            head: .init(
                method: .get, scheme: "http", authority: "x", path: "/",
                headerFields: [
                    .cookie: "lang=en; session=abc=def; csrf=123", .cookie: "other=1",
                ]),
            body: .init(buffer: .init()))
        #expect(request.cookieValue("session") == "abc=def")
        #expect(request.cookieValue("csrf") == "123")
        #expect(request.cookieValue("lang") == "en")
        #expect(request.cookieValue("other") == "1")
        #expect(request.cookieValue("sess") == nil)
        #expect(request.cookieValue("missing") == nil)
    }

    @Test func rowsReadBackAsStored() async throws {
        let services = try await TestApp.services()
        var user = try await People.make(services, "canbo", role: .hr, name: "Lò Thị Hoa")
        user.phone = "0912"
        user.createdAt = try #require(Date.fromDatabaseValue(user.createdAt.databaseValue))
        user.updatedAt = try #require(Date.fromDatabaseValue(user.updatedAt.databaseValue))
        let stored = user
        try await services.database.writer.write { db in try stored.update(db) }
        let read = try await services.database.writer.read { db in try User.fetchOne(db, key: stored.id) }
        #expect(read == stored)
        let token = try await services.sessions.create(userID: stored.id ?? 0, kind: "bearer")
        let session = try #require(try await services.sessions.resolve(token: token)?.0)
        let again = try await services.database.writer.read { db in try Session.fetchOne(db, key: session.id) }
        #expect(again == session)
    }
}
