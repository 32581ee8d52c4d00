import Academy
import ArgumentParser
import Foundation

/// `academy migrate`: upgrades the database without starting the server (the server also does it at start), or,
/// with `--dry-run`, says what the upgrade would change and changes nothing.
struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Upgrade the database to this version (a copy is kept first); --dry-run only says what would change.")

    @OptionGroup var common: CommonOptions
    @Flag(help: "Say which migrations would run and what they would add or change; write nothing.")
    var dryRun = false

    func run() async throws {
        let config = try common.load()
        guard FileManager.default.fileExists(atPath: config.databasePath) else {
            throw ValidationError("no database at \(config.databasePath); is --data right?")
        }
        if dryRun {
            let report = try Upgrade.dryRun(path: config.databasePath)
            print("\(config.databasePath): \(report.applied.count) migration(s) applied")
            guard !report.pending.isEmpty else {
                print("up to date: nothing would change")
                return
            }
            print("would run, in order, each in its own transaction:")
            for identifier in report.pending { print("  \(identifier)") }
            print("would change the schema (+ added, ~ changed, - dropped):")
            for change in report.changes { print("  \(change)") }
            print("a copy of the database would be kept first in \(config.dataDirectory)/backups/")
            return
        }
        let database = try AppDatabase.open(path: config.databasePath, durability: config.durability)
        if let backup = database.backupBeforeUpgrade {
            print("upgraded \(config.databasePath); the database as it was before is in \(backup)")
        } else {
            print("\(config.databasePath) is up to date")
        }
        try database.close()
    }
}
