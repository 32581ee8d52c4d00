import Foundation
import GRDB
import Testing

@testable import Academy

/// An acknowledged write must survive a power cut (issue 13): synchronous = FULL unless a setting lowers it.
@Suite struct DurabilityTests {
    func folder() throws -> String {
        let path = NSTemporaryDirectory() + "academy-durability-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    func synchronous(_ database: AppDatabase) async throws -> Int? {
        try await database.writer.write { db in try Int.fetchOne(db, sql: "PRAGMA synchronous") }
    }

    @Test func theDatabaseWaitsForTheDiskByDefault() async throws {
        let database = try AppDatabase.open(path: try folder() + "/a.sqlite")
        #expect(try await synchronous(database) == 2)  // FULL
        // and so do the pool's readers, which may checkpoint too
        #expect(try await database.writer.read { db in try Int.fetchOne(db, sql: "PRAGMA synchronous") } == 2)
        try database.close()
    }

    @Test func theSettingMayLowerIt() async throws {
        let config = try ConfigLoader(environment: ["ACADEMY_SQLITE_SYNCHRONOUS": "NORMAL"]).load()
        #expect(config.durability == .normal)
        let database = try AppDatabase.open(path: try folder() + "/b.sqlite", durability: config.durability)
        #expect(try await synchronous(database) == 1)
        try database.close()
        #expect(try ConfigLoader(environment: [:]).load().durability == .full)
        #expect(throws: ConfigError.self) {
            try ConfigLoader(environment: ["ACADEMY_SQLITE_SYNCHRONOUS": "off"]).load()
        }
    }

    @Test func aBackupIsReadableOnlyByItsOwner() async throws {
        let dir = try folder()
        let database = try AppDatabase.open(path: dir + "/c.sqlite")
        try database.backup(to: dir + "/copy.sqlite")
        let mode = try FileManager.default.attributesOfItem(atPath: dir + "/copy.sqlite")[.posixPermissions] as? Int
        #expect(mode == 0o600)
        #expect(throws: (any Error).self) { try database.backup(to: dir + "/copy.sqlite") }
        try database.close()
    }
}
