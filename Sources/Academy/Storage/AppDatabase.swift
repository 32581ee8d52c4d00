import Foundation
import GRDB

/// The one way into the database: owns the GRDB writer and the migrations.
public struct AppDatabase: Sendable {
    /// The connection pool (or queue, in tests); reads run concurrently with writes thanks to WAL.
    public let writer: any DatabaseWriter

    /// Opens the database and runs every pending migration.
    public init(_ writer: any DatabaseWriter) throws {
        self.writer = writer
        try Migrations.migrator.migrate(writer)
    }

    /// Opens (creating if needed) the file database with WAL, foreign keys and a busy timeout.
    public static func open(path: String) throws -> AppDatabase {
        var config = Configuration()
        config.foreignKeysEnabled = true
        config.busyMode = .timeout(10)
        config.maximumReaderCount = 8
        config.prepareDatabase { db in
            // NORMAL is durable in WAL mode across application crashes; only a power loss may lose the
            // last transactions, never corrupt the file.
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        let pool = try DatabasePool(path: path, configuration: config)
        return try AppDatabase(pool)
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

    /// Closes every connection, checkpointing the WAL so no `-wal` file is left behind.
    public func close() throws {
        if let pool = writer as? DatabasePool {
            try pool.writeWithoutTransaction { db in _ = try db.checkpoint(.truncate) }
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
    public func backup(to path: String) throws {
        let destination = try DatabaseQueue(path: path)
        try writer.backup(to: destination)
        try destination.close()
    }
}
