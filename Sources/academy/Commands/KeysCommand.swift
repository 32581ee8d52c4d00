import Academy
import ArgumentParser
import Foundation
import Signing

/// `academy keys rotate` / `academy keys list`.
struct KeysCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys", abstract: "Certificate signing keys.", subcommands: [Rotate.self, List.self, Import.self])

    static func open(_ common: CommonOptions) throws -> (AppDatabase, KeyStore) {
        let config = try common.load()
        try DataDirectory.prepare(config.dataDirectory)
        let database = try AppDatabase.open(path: config.databasePath, durability: config.durability)
        return (
            database, KeyStore(database: database, dataDirectory: config.dataDirectory, issuerName: config.issuerName)
        )
    }

    /// Makes a new key for new certificates; every old key stays published so old certificates keep verifying.
    struct Rotate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Make a new signing key for new certificates.")
        @OptionGroup var common: CommonOptions

        func run() async throws {
            let (database, keys) = try KeysCommand.open(common)
            defer { try? database.close() }
            let kid = try await keys.rotate(actor: .commandLine)
            print("new signing key \(kid); restart the server so it signs with it (SIGHUP reloads only the courses)")
        }
    }

    /// Installs an organisation certificate a CA issued (a PKCS#12 file with the key, the certificate and its chain)
    /// as the active signing key: PDF readers that trust that CA then show the PDFs' signatures as valid.
    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Install an organisation's signing certificate from a PKCS#12 (.p12/.pfx) file.",
            discussion: """
                The key must be RSA (2048 bits or more): it also signs the Open Badge credentials (RS256). It becomes \
                the active key; earlier keys are retired and stay published, so earlier PDFs and credentials keep \
                verifying. The file's password is read from --password-file, else from ACADEMY_PKCS12_PASSWORD, \
                else it is taken to be empty. Restart the server afterwards.
                """)
        @OptionGroup var common: CommonOptions
        @Option(name: .customLong("pkcs12"), help: "The PKCS#12 file (.p12 or .pfx).")
        var file: String
        @Option(help: "A file whose first line is the PKCS#12 file's password.")
        var passwordFile: String?

        func run() async throws {
            guard let data = FileManager.default.contents(atPath: file) else {
                throw ValidationError("\(file): cannot read the file")
            }
            var password = ProcessInfo.processInfo.environment["ACADEMY_PKCS12_PASSWORD"] ?? ""
            if let passwordFile {
                guard let text = try? String(contentsOfFile: passwordFile, encoding: .utf8) else {
                    throw ValidationError("\(passwordFile): cannot read the password file")
                }
                password = String(text.split(separator: "\n", omittingEmptySubsequences: false).first ?? "")
            }
            let bundle: PKCS12Bundle
            do {
                bundle = try PKCS12Bundle(der: [UInt8](data), password: password)
            } catch {
                throw ValidationError("\(file): \(error)")
            }
            if let end = bundle.certificate.notAfter, end < Date() {
                throw ValidationError("\(file): the certificate expired on \(Timestamp.text(end))")
            }
            let (database, keys) = try KeysCommand.open(common)
            defer { try? database.close() }
            let kid = try await keys.importPKCS12(bundle, actor: .commandLine)
            print("installed \(bundle.certificate.subject) (issued by \(bundle.certificate.issuer)) as key \(kid)")
            print("chain: \(bundle.chain.count) CA certificate(s); published at /keys/\(kid).crt")
            print("restart the server so it signs with it")
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
