import Foundation
import GRDB
import Testing

@testable import Academy

@Suite struct MigrationTests {
    @Test func migratesAnEmptyDatabase() throws {
        let database = try AppDatabase.inMemory()
        let applied = try database.writer.read { db in try Migrations.migrator.appliedMigrations(db) }
        #expect(applied == Migrations.migrator.migrations)
        let created = try database.writer.read { db in
            try String.fetchOne(db, sql: "SELECT value FROM app_setting WHERE key = 'created_at'")
        }
        #expect(created != nil)
    }

    @Test func reopeningAMigratedFileDatabaseChangesNothing() throws {
        let path = NSTemporaryDirectory() + "academy-\(UUID().uuidString).sqlite"
        let first = try AppDatabase.open(path: path)
        let before = try first.writer.read { db in try String.fetchOne(db, sql: "SELECT value FROM app_setting") }
        try first.close()
        let second = try AppDatabase.open(path: path)
        let after = try second.writer.read { db in try String.fetchOne(db, sql: "SELECT value FROM app_setting") }
        let journal = try second.writer.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") }
        let foreignKeys = try second.writer.read { db in try Int.fetchOne(db, sql: "PRAGMA foreign_keys") }
        #expect(before == after)
        #expect(journal == "wal")
        #expect(foreignKeys == 1)
        try second.close()
        #expect(!FileManager.default.fileExists(atPath: path + "-wal"))
    }
}
