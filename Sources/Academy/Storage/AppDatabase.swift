import Foundation
import GRDB

#if canImport(Glibc)
    import Glibc
#endif

/// The one way into the database: owns the GRDB writer and the migrations.
public struct AppDatabase: Sendable {
    /// The connection pool (or queue, in tests); reads run concurrently with writes thanks to WAL.
    public let writer: any DatabaseWriter

    /// The copy of the database taken before this start's migrations changed it (`Upgrade`), if any.
    public let backupBeforeUpgrade: String?

    /// Opens the database and runs every pending migration.
    public init(_ writer: any DatabaseWriter) throws {
        self.writer = writer
        self.backupBeforeUpgrade = nil
        try Upgrade.migrate(writer, backup: nil)
    }

    /// A database whose migrations have run, or whose backup is being taken before they run.
    init(unmigrated writer: any DatabaseWriter, backup: String? = nil) {
        self.writer = writer
        self.backupBeforeUpgrade = backup
    }

    /// How hard SQLite works to keep a commit through a power cut (`PRAGMA synchronous`).
    public enum Durability: String, Sendable, CaseIterable {
        /// Every commit waits for the disk (an fsync of the WAL): an acknowledged submission or an issued
        /// certificate survives a power cut. The write batcher's group commit shares one fsync among all the
        /// requests of a batch, so this costs little throughput (BENCHMARKS.md).
        case full
        /// The WAL is synced only at checkpoints: safe across a crash of the server, but a power cut may undo
        /// the last acknowledged transactions (never corrupt the file). For machines with a battery-backed disk.
        case normal
    }

    /// Opens (creating if needed) the file database with WAL, foreign keys, a busy timeout and the given
    /// durability (`sqlite_synchronous`, full by default).
    ///
    /// With `litestream`, SQLite's automatic checkpoints are turned off on the writing connection
    /// (`wal_autocheckpoint = 0`): Litestream checkpoints the WAL itself once it has copied it, and an application's
    /// checkpoint can make it miss frames and start over with a full snapshot (Litestream's "Tips & caveats").
    public static func open(path: String, durability: Durability = .full, litestream: Bool = false) throws
        -> AppDatabase
    {
        var config = Configuration()
        config.foreignKeysEnabled = true
        config.busyMode = .timeout(10)
        config.maximumReaderCount = 8
        let pragma = durability == .full ? "FULL" : "NORMAL"
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = \(pragma)")
        }
        let pool = try DatabasePool(path: path, configuration: config)
        // GRDB turns WAL on after `prepareDatabase` and sets `synchronous = NORMAL` on the writer as it does, so
        // the writer (the one connection that commits and checkpoints) is set again here.
        try pool.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA synchronous = \(pragma)")
            if litestream { try db.execute(sql: "PRAGMA wal_autocheckpoint = 0") }
        }
        // An upgrade: the whole file is copied first, then the migrations run (see `Upgrade`).
        let backup = try Upgrade.backupBeforeMigrating(pool)
        try Upgrade.migrate(pool, backup: backup)
        return AppDatabase(unmigrated: pool, backup: backup)
    }

    /// An empty in-memory database with every migration applied, for tests.
    public static func inMemory() throws -> AppDatabase {
        var config = Configuration()
        config.foreignKeysEnabled = true
        return try AppDatabase(DatabaseQueue(configuration: config))
    }

    /// The version of the SQLite library actually linked (the system's libsqlite3).
    public func sqliteVersion() async throws -> String {
        try await writer.read { db in try String.fetchOne(db, sql: "SELECT sqlite_version()") ?? "unknown" }
    }

    /// Closes every connection, checkpointing the WAL so no `-wal` file is left behind — unless Litestream
    /// replicates the database (`litestream: true`): then its own checkpoints own the WAL, and a truncating one
    /// here could cut pages it has not copied yet; the WAL is left as it is, for Litestream and the next start.
    public func close(truncatingWAL: Bool = true) throws {
        if let pool = writer as? DatabasePool {
            if truncatingWAL { try pool.writeWithoutTransaction { db in _ = try db.checkpoint(.truncate) } }
            let path = pool.path
            try pool.close()
            // The pool's read-only connections may close last, and SQLite lets only a writable connection remove
            // the WAL file. One short writable connection, closed last, leaves the folder clean.
            try DatabaseQueue(path: path).close()
        } else if let queue = writer as? DatabaseQueue {
            try queue.close()
        }
    }

    /// A consistent online copy of the database into a new file (`academy backup`).
    /// The file is created with mode 0600 before SQLite opens it: a backup holds every password hash and result.
    public func backup(to path: String) throws {
        let descriptor = Glibc.open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard descriptor >= 0 else { throw CocoaError(.fileWriteFileExists, userInfo: [NSFilePathErrorKey: path]) }
        Glibc.close(descriptor)
        let destination = try DatabaseQueue(path: path)
        try writer.backup(to: destination)
        try destination.close()
    }
}
