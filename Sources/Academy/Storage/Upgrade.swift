import Foundation
import GRDB

/// Upgrades of the database (issue 17, point 5): what an upgrade would change, and the automatic backup taken
/// before it changes anything.
///
/// At start, `AppDatabase.open` finds the migrations this database has not had yet. On a database that already
/// holds data it first copies the whole file to `backups/academy-before-<first migration>-<time>.sqlite` (0600,
/// SQLite's online backup), then runs them: each in its own transaction (GRDB's migrator), so a failing one leaves
/// nothing of itself and stops the start with the backup's path in the error. Rolling back an upgrade is putting
/// that copy back in place of academy.sqlite with the old binary (DEPLOYING.md, "Nâng cấp / Upgrades").
public enum Upgrade {
    /// What `academy migrate --dry-run` says: the migrations to run and the tables, columns and indexes they would
    /// add, change or drop, found by running them on a throw-away copy of the database.
    public struct Report: Sendable, Equatable {
        public var applied: [String]
        public var pending: [String]
        /// `+ table certificate_outbox`, `~ table user`, `- index user_on_place` …, sorted.
        public var changes: [String]
    }

    /// Thrown when a migration fails at start; names the backup to restore.
    public struct Failed: Error, CustomStringConvertible {
        public let migration: String
        public let backup: String?
        public let underlying: any Error
        public var description: String {
            "the database upgrade stopped at migration \(migration): \(underlying)"
                + (backup.map {
                    ". Nothing of that migration was written; the database as it was before the upgrade "
                        + "is in \($0) (DEPLOYING.md, Upgrades, says how to put it back)"
                } ?? "")
        }
    }

    /// The migrations a database has had and those it has not.
    public static func plan(_ db: Database) throws -> (applied: [String], pending: [String]) {
        let migrator = Migrations.migrator
        let applied = try migrator.appliedIdentifiers(db)
        return (
            migrator.migrations.filter { applied.contains($0) }, migrator.migrations.filter { !applied.contains($0) }
        )
    }

    /// Copies the database before migrations change it, when there are any and it already holds data; returns the
    /// copy's path (nil when nothing needed copying).
    static func backupBeforeMigrating(_ pool: DatabasePool, now: Date = Date()) throws -> String? {
        let (applied, pending) = try pool.read { db in try plan(db) }
        guard let first = pending.first, !applied.isEmpty else { return nil }
        let folder = ((pool.path as NSString).deletingLastPathComponent as NSString).appendingPathComponent("backups")
        try FileManager.default.createDirectory(
            atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let stamp = now.formatted(
            .iso8601.year().month().day().dateSeparator(.omitted).time(includingFractionalSeconds: false).timeSeparator(
                .omitted))
        let base = (folder as NSString).appendingPathComponent("academy-before-\(first)-\(stamp)")
        var path = base + ".sqlite"
        var number = 2
        while FileManager.default.fileExists(atPath: path) {
            path = "\(base)-\(number).sqlite"
            number += 1
        }
        try AppDatabase(unmigrated: pool).backup(to: path)
        return path
    }

    /// Runs every pending migration, each in its own transaction; a failure names the migration and the backup.
    static func migrate(_ writer: any DatabaseWriter, backup: String?) throws {
        let pending = try writer.read { db in try plan(db).pending }
        let migrator = Migrations.migrator
        for identifier in pending {
            do {
                try migrator.migrate(writer, upTo: identifier)
            } catch {
                throw Failed(migration: identifier, backup: backup, underlying: error)
            }
        }
    }

    /// The dry run: the database at `path` is copied to a temporary file, migrated there, and both schemas
    /// compared; the database itself is only read.
    public static func dryRun(path: String) throws -> Report {
        let source = try DatabaseQueue(path: path, configuration: readOnly())
        let (applied, pending) = try source.read { db in try plan(db) }
        let copyPath = NSTemporaryDirectory() + "academy-dry-run-\(UUID().uuidString).sqlite"
        defer {
            for suffix in ["", "-wal", "-shm", "-journal"] {
                try? FileManager.default.removeItem(atPath: copyPath + suffix)
            }
        }
        let copy = try DatabaseQueue(path: copyPath)
        try source.backup(to: copy)
        try source.close()
        let before = try copy.read(schema)
        try Migrations.migrator.migrate(copy)
        let after = try copy.read(schema)
        try copy.close()
        var changes: [String] = []
        for name in after.keys where before[name] == nil { changes.append("+ \(name)") }
        for (name, sql) in after where before[name] != nil && before[name] != sql { changes.append("~ \(name)") }
        for name in before.keys where after[name] == nil { changes.append("- \(name)") }
        return Report(applied: applied, pending: pending, changes: changes.sorted { $0.dropFirst(2) < $1.dropFirst(2) })
    }

    /// `type name` → its SQL, for every table, index, view and trigger (GRDB's own bookkeeping included).
    static func schema(_ db: Database) throws -> [String: String] {
        let rows = try Row.fetchAll(
            db, sql: "SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' AND sql IS NOT NULL")
        var schema: [String: String] = [:]
        for row in rows {
            let type: String = row["type"]
            let name: String = row["name"]
            schema["\(type) \(name)"] = row["sql"]
        }
        return schema
    }

    static func readOnly() -> Configuration {
        var config = Configuration()
        config.readonly = true
        return config
    }
}
