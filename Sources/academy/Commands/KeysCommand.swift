import Academy
import ArgumentParser
import Foundation

/// `academy keys rotate` / `academy keys list`.
struct KeysCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys", abstract: "Certificate signing keys.", subcommands: [Rotate.self, List.self])

    static func open(_ common: CommonOptions) throws -> (AppDatabase, KeyStore) {
        let config = try common.load()
        try DataDirectory.prepare(config.dataDirectory)
        let database = try AppDatabase.open(path: config.databasePath, durability: config.durability)
        return (database, KeyStore(database: database, dataDirectory: config.dataDirectory))
    }

    /// Makes a new key for new certificates; every old key stays published so old certificates keep verifying.
    struct Rotate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Make a new signing key for new certificates.")
        @OptionGroup var common: CommonOptions

        func run() async throws {
            let (database, keys) = try KeysCommand.open(common)
            defer { try? database.close() }
            let kid = try await keys.rotate(actor: .commandLine)
            print("new signing key \(kid); restart the server (or send SIGHUP) so it signs with it")
        }
    }

    /// Every key ever used, newest first, with its fingerprint.
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List every signing key ever used.")
        @OptionGroup var common: CommonOptions

        func run() async throws {
            let (database, keys) = try KeysCommand.open(common)
            defer { try? database.close() }
            for info in try await keys.list() {
                let state = info.retiredAt.map { "retired \(Timestamp.text($0))" } ?? "active"
                print("\(info.kid)  \(Timestamp.text(info.createdAt))  \(state)  sha256:\(info.fingerprint)")
            }
        }
    }
}
