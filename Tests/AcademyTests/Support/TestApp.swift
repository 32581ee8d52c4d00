import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Signing
import Testing

@testable import Academy

/// Where the test fixtures live, found from this file so tests run from any folder.
enum Fixtures {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures")
    static func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }
    /// The real courses shipped in the repository.
    static let shippedCourses = root.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Courses").path
    /// The real `Public/` folder (stylesheets, scripts, the service worker, icons).
    static let shippedPublic = root.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Public").path
}

/// One 3072-bit key for the whole run: generating one per test would cost seconds.
let sharedKey = Result { try RSAPrivateKey.generate(bits: 3072) }

/// A fresh application per test: in-memory database, fixture courses and static files.
enum TestApp {
    static let csrfSecret = "test-csrf-secret-not-for-production"

    static func services(
        courses: String = Fixtures.path("courses/good"), publicDir: String = Fixtures.path("public"),
        places: String = Fixtures.path("places/none")
    )
        async throws -> AppServices
    {
        var config = AppConfig()
        config.coursesDirectory = courses
        config.publicDirectory = publicDir
        config.dataDirectory = NSTemporaryDirectory() + "academy-test-\(UUID().uuidString)"
        // Cheap password hashing keeps the suite fast; the default cost is tested in SigningTests.
        config.scryptLogN = 10
        // No place list unless a test names one: communes are free text, as in every test before issue 15.
        config.placesDirectory = places
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        let database = try AppDatabase.inMemory()
        // A known CSRF secret, so `People.form` can fill in the token of a browser that is not signed in.
        try await database.writer.write { db in
            try db.execute(
                sql: "INSERT INTO app_setting (key, value) VALUES ('csrf_secret', ?)", arguments: [csrfSecret])
        }
        return try await makeServices(
            config: config, database: database, signingKey: try sharedKey.get(), logger: logger)
    }

    static func router(_ services: AppServices) -> some ApplicationProtocol {
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        return Application(router: buildRouter(services), logger: logger)
    }

    /// Runs `body` with fresh services and a router-level test client.
    static func withServices(
        courses: String = Fixtures.path("courses/good"), places: String = Fixtures.path("places/none"),
        _ body: @Sendable (AppServices, any TestClientProtocol) async throws -> Void
    ) async throws {
        let services = try await services(courses: courses, places: places)
        try await router(services).test(.router) { client in try await body(services, client) }
    }

    /// Runs `body` against a router-level test client.
    static func test(
        courses: String = Fixtures.path("courses/good"), _ body: @Sendable (any TestClientProtocol) async throws -> Void
    ) async throws {
        let services = try await services(courses: courses)
        try await router(services).test(.router, body)
    }
}

extension TestResponse {
    var text: String { String(buffer: body) }
    var json: [String: Any]? {
        (try? JSONSerialization.jsonObject(with: Data(buffer: body))) as? [String: Any]
    }
}
