import Foundation
import GRDB
import Logging
import Testing

@testable import Academy

/// An active signing key that cannot be read stops start-up; it is never silently replaced (issue 14, point 6).
@Suite struct KeyStoreTests {
    /// Starts the server again over `services`' database and data folder.
    func restart(_ services: AppServices) async throws {
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        _ = try await makeServices(config: services.config, database: services.database, logger: logger)
    }

    func keyFiles(_ services: AppServices) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: services.keys.directory).sorted()
    }

    func keyRows(_ services: AppServices) async throws -> Int {
        try await services.database.writer.read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM signing_key") ?? 0
        }
    }

    @Test func aMissingKeyFileStopsStartUpNamingTheFile() async throws {
        // given: the active key's file is gone
        let services = try await TestApp.services()
        let kid = try services.keys.signingKey().kid
        let path = services.keys.path(kid)
        try FileManager.default.removeItem(atPath: path)
        // when / then: start-up stops with the kid and the path, and no key is made in its place
        await #expect {
            try await restart(services)
        } throws: { error in
            guard case .unreadable(let failedKid, let failedPath, _)? = error as? KeyStoreError else { return false }
            return failedKid == kid && failedPath == path && "\(error)".contains(path)
        }
        #expect(try keyFiles(services).isEmpty)
        #expect(try await keyRows(services) == 1)
    }

    @Test func aCorruptKeyFileStopsStartUpAndIsLeftAsItIs() async throws {
        // given: the active key's file holds something that is not a private key
        let services = try await TestApp.services()
        let kid = try services.keys.signingKey().kid
        let path = services.keys.path(kid)
        let damaged = "-----BEGIN PRIVATE KEY-----\nnot a key\n-----END PRIVATE KEY-----\n"
        try damaged.write(toFile: path, atomically: true, encoding: .utf8)
        // when / then
        await #expect {
            try await KeyStore(database: services.database, dataDirectory: services.config.dataDirectory).prepare()
        } throws: { error in
            "\(error)".contains(path) && "\(error)".contains("not a usable RSA private key")
        }
        #expect(try keyFiles(services) == ["\(kid).pem"])
        #expect(try String(contentsOfFile: path, encoding: .utf8) == damaged)
        #expect(try await keyRows(services) == 1)
    }

    @Test func aReadableKeyIsLoadedAgainAtStartUp() async throws {
        let services = try await TestApp.services()
        let kid = try services.keys.signingKey().kid
        let again = KeyStore(database: services.database, dataDirectory: services.config.dataDirectory)
        try await again.prepare()
        #expect(try again.signingKey().kid == kid)
        #expect(try await keyRows(services) == 1)
    }
}
