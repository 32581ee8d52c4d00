import Foundation
import GRDB
import Testing

@testable import Academy

/// Issue 17, point 5: an upgrade keeps a copy of the database first, a dry run says what would change and writes
/// nothing, and rolling back is putting that copy back.
@Suite struct UpgradeTests {
    /// A file database as version `v8-places` left it, with one person in it.
    func oldDatabase() throws -> String {
        let folder = NSTemporaryDirectory() + "academy-upgrade-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let path = folder + "/academy.sqlite"
        let queue = try DatabaseQueue(path: path)
        try Migrations.migrator.migrate(queue, upTo: "v8-places")
        try queue.write { db in
            try db.execute(
                sql: """
                    INSERT INTO user (uuid, username, full_name, search_name, role, commune, password_hash, created_at, updated_at)
                    VALUES ('u-1', 'an', 'Nguyễn Văn An', 'nguyen van an', 'learner', 'Yên Thuận', 'x', '2026-01-01', '2026-01-01')
                    """)
        }
        try queue.close()
        return path
    }

    func applied(_ path: String) throws -> [String] {
        let queue = try DatabaseQueue(path: path)
        defer { try? queue.close() }
        return try queue.read { db in try Migrations.migrator.appliedMigrations(db) }
    }

    @Test func theDryRunSaysWhatWouldChangeAndWritesNothing() throws {
        let path = try oldDatabase()
        let size = try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int
        let report = try Upgrade.dryRun(path: path)
        #expect(report.pending == ["v9-draft-saves", "v10-certificate-pdf"])
        #expect(report.applied.last == "v8-places")
        #expect(report.changes.contains("+ table draft_save"), "\(report.changes)")
        #expect(try applied(path).last == "v8-places", "the database itself is not migrated")
        #expect(try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int == size)
        let folder = (path as NSString).deletingLastPathComponent
        #expect(!FileManager.default.fileExists(atPath: folder + "/backups"))
    }

    @Test func anUpgradeKeepsACopyFirstAndRollingBackIsPuttingItBack() throws {
        let path = try oldDatabase()
        // when the new version opens it
        let database = try AppDatabase.open(path: path)
        let backup = try #require(database.backupBeforeUpgrade)
        try database.close()
        // then it is migrated, and the copy is the database as it was, private to the server's user
        #expect(try applied(path) == Migrations.migrator.migrations)
        #expect(backup.contains("/backups/academy-before-v9-draft-saves-"))
        #expect(try applied(backup).last == "v8-places")
        let mode = try FileManager.default.attributesOfItem(atPath: backup)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let folderMode =
            try FileManager.default.attributesOfItem(
                atPath: (backup as NSString).deletingLastPathComponent)[.posixPermissions] as? Int
        #expect(folderMode == 0o700)
        // rolling back (DEPLOYING.md): the copy in place of the database, as the old binary would find it
        try FileManager.default.removeItem(atPath: path)
        try FileManager.default.copyItem(atPath: backup, toPath: path)
        #expect(try applied(path).last == "v8-places")
        let queue = try DatabaseQueue(path: path)
        let name = try queue.read { db in try String.fetchOne(db, sql: "SELECT full_name FROM user") }
        try queue.close()
        #expect(name == "Nguyễn Văn An")
        // and an up-to-date database takes no copy
        let again = try AppDatabase.open(path: path)
        #expect(again.backupBeforeUpgrade != nil, "the rolled-back file is upgraded again, with a new copy")
        try again.close()
        let current = try AppDatabase.open(path: path)
        #expect(current.backupBeforeUpgrade == nil)
        try current.close()
    }

    @Test func aNewDatabaseIsNotCopied() throws {
        let path = NSTemporaryDirectory() + "academy-new-\(UUID().uuidString).sqlite"
        let database = try AppDatabase.open(path: path)
        #expect(database.backupBeforeUpgrade == nil)
        try database.close()
    }
}
