import Academy
import ArgumentParser
import Foundation

/// `academy backup FILE`: a consistent copy of the live database, safe while the server runs.
struct Backup: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Copy the database to FILE while the server runs.")

    @OptionGroup var common: CommonOptions
    @Argument(help: "The new file to write; it must not exist yet.")
    var file: String

    func run() async throws {
        let config = try common.load()
        guard !FileManager.default.fileExists(atPath: file) else {
            throw ValidationError("\(file) already exists; choose a new file name")
        }
        guard FileManager.default.fileExists(atPath: config.databasePath) else {
            throw ValidationError("no database at \(config.databasePath); is --data right?")
        }
        let database = try AppDatabase.open(path: config.databasePath, durability: config.durability)
        try database.backup(to: file)
        try database.close()
        print("backed up \(config.databasePath) to \(file)")
    }
}
