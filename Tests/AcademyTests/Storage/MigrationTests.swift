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

/// Issue 15: a database of the version before places moves without loss.
@Suite struct PlacesMigrationTests {
    @Test func districtAndCommuneSurviveAndAreMadeComparable() throws {
        // given a database as v7 left it, with people typed by hand
        let queue = try DatabaseQueue()
        try Migrations.migrator.migrate(queue, upTo: "v7-certificate-outbox")
        let decomposed = "Xã  Yên Hoa ".decomposedStringWithCanonicalMapping
        try queue.write { db in
            for (name, district, commune) in [
                ("a", "Huyện Na Hang", decomposed), ("b", "Hàm Yên", "Xã Tân Thành"), ("c", "", ""),
            ] {
                try db.execute(
                    sql: """
                        INSERT INTO user (uuid, username, full_name, search_name, role, district, commune, position,
                            password_hash, created_at, updated_at)
                        VALUES (?, ?, 'Người Thử', 'nguoi thu', 'learner', ?, ?, 'Công chức', 'h', '2025-01-01 00:00:00',
                            '2025-01-01 00:00:00')
                        """, arguments: ["uuid-\(name)", name, district, commune])
            }
        }
        // when
        try Migrations.migrator.migrate(queue)
        // then
        let rows = try queue.read { db in
            try Row.fetchAll(db, sql: "SELECT username, district, commune, position FROM user ORDER BY username")
        }
        #expect(rows.map { $0["district"] as String } == ["Huyện Na Hang", "Hàm Yên", ""])
        #expect(rows.map { $0["commune"] as String } == ["Xã Yên Hoa", "Xã Tân Thành", ""])
        #expect((rows[0]["commune"] as String).unicodeScalars.count == "Xã Yên Hoa".unicodeScalars.count)
        #expect(rows.allSatisfy { $0["position"] as String == "Công chức" })
        let indexes = try queue.read { db in try db.indexes(on: "user").map(\.name) }
        #expect(indexes.contains("user_on_commune"))
        #expect(!indexes.contains("user_on_place"))
    }
}
