import Academy
import ArgumentParser
import Foundation

/// `academy places …`: the commune-level units people belong to (Config/places/README.md).
struct PlacesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "places", abstract: "Check and import place lists; move people of merged units.",
        subcommands: [Import.self])

    /// `academy places import FILE.csv [--dry-run]`.
    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check a place list and copy it into the places folder (read by the server at start).",
            discussion: """
                Columns: code,name,type,province,group,former_names, after '#' comment lines. Every problem is \
                printed as path:line: message and nothing is written. Text is stored in NFC. Restart the server \
                to use the new list.
                """)

        @OptionGroup var common: CommonOptions
        @Argument(help: "The CSV file.")
        var file: String
        @Flag(help: "Check the file and report what would change, but write nothing.")
        var dryRun = false

        func run() async throws {
            guard let data = FileManager.default.contents(atPath: file) else {
                throw ValidationError("\(file): cannot read the file")
            }
            let config = try common.load()
            try DataDirectory.prepare(config.dataDirectory)
            let database = try AppDatabase.open(path: config.databasePath, durability: config.durability)
            defer { try? database.close() }
            do {
                let report = try await PlaceImport(database: database, directory: config.placesDirectory)
                    .run([UInt8](data), name: file, dryRun: dryRun)
                for line in report.lines { print(line) }
                print(dryRun ? "dry run: nothing written" : "written; restart the server to use it")
            } catch let error as PlaceListError {
                FileHandle.standardError.write(Data("\(error)\nnothing was written\n".utf8))
                throw ExitCode(1)
            }
        }
    }
}
