import Academy
import ArgumentParser
import Foundation

/// `academy places …`: the commune-level units people belong to (Config/places/README.md).
struct PlacesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "places", abstract: "Check and import place lists; move people of merged units.",
        subcommands: [Import.self, Remap.self])

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

extension PlacesCommand {
    /// `academy places remap MAPPING.csv [--dry-run]`.
    struct Remap: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Move the people of former units to the unit that absorbed them, in one audited transaction.",
            discussion: """
                Columns: old_commune,new_unit, and optionally district (to move only the people of one former \
                district). old_commune is matched as stored (case and spaces aside): `academy places import` lists \
                the communes the list does not know. new_unit must be on the place list when there is one. \
                Certificates keep what they say.
                """)

        @OptionGroup var common: CommonOptions
        @Argument(help: "The mapping CSV file.")
        var file: String
        @Flag(help: "List who would move, but write nothing.")
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
                let places = try PlaceListReader.load(directory: config.placesDirectory)
                let moves = try await PlaceRemap(database: database, places: places)
                    .run([UInt8](data), path: file, dryRun: dryRun)
                for move in moves {
                    print("\(file):\(move.line): \(move.description): \(move.usernames.count) person(s)")
                }
                let total = moves.map(\.usernames.count).reduce(0, +)
                print("\(total) person(s) " + (dryRun ? "would move (dry run: nothing written)" : "moved"))
            } catch let error as PlaceListError {
                FileHandle.standardError.write(Data("\(error)\nnothing was written\n".utf8))
                throw ExitCode(1)
            }
        }
    }
}
