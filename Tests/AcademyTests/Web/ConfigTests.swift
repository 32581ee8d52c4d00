import Foundation
import Testing

@testable import Academy

@Suite struct ConfigTests {
    func file(_ text: String) throws -> String {
        let path = NSTemporaryDirectory() + "academy-config-\(UUID().uuidString).yaml"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func defaultsNeedNoSetUp() throws {
        let config = try ConfigLoader(environment: ["ACADEMY_CONFIG": try file("")]).load()
        #expect(config.host == "127.0.0.1")
        #expect(config.port == 8080)
        #expect(config.dataDirectory == "data")
        #expect(config.coursesDirectory == "Courses")
        #expect(config.resolvedBaseURL == "http://127.0.0.1:8080")
    }

    @Test func shippedConfigFileIsValidAndAllCommentedOut() throws {
        let shipped = Fixtures.root.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Config/academy.yaml").path
        let config = try ConfigLoader(environment: [:], flags: ["config": shipped]).load()
        #expect(config == AppConfig())
    }

    @Test func flagsBeatEnvironmentWhichBeatsTheFile() throws {
        let path = try file("port: 9001\nhost: 0.0.0.0\ndata: /tmp/from-file\n")
        let fromFile = try ConfigLoader(environment: ["ACADEMY_CONFIG": path]).load()
        #expect(fromFile.port == 9001)
        let fromEnv = try ConfigLoader(environment: ["ACADEMY_CONFIG": path, "ACADEMY_PORT": "9002"]).load()
        #expect(fromEnv.port == 9002)
        #expect(fromEnv.host == "0.0.0.0")
        let fromFlag = try ConfigLoader(
            environment: ["ACADEMY_CONFIG": path, "ACADEMY_PORT": "9002"], flags: ["port": "9003"]
        ).load()
        #expect(fromFlag.port == 9003)
        #expect(fromFlag.dataDirectory == "/tmp/from-file")
    }

    @Test func aBadValueNamesTheKey() throws {
        let path = try file("port: eighty\n")
        #expect(
            throws: ConfigError(key: "port", source: path, message: "'eighty' is not a whole number from 1 to 65535")
        ) {
            try ConfigLoader(environment: ["ACADEMY_CONFIG": path]).load()
        }
        #expect(throws: ConfigError.self) {
            try ConfigLoader(environment: ["ACADEMY_BASE_URL": "ftp://x"]).load()
        }
        do {
            _ = try ConfigLoader(environment: ["ACADEMY_PORT": "70000"]).load()
            Issue.record("expected an error")
        } catch let error as ConfigError {
            #expect(error.key == "port")
            #expect(error.source == "environment")
        }
    }

    @Test func theLookUpLimitIsASetting() throws {
        #expect(try ConfigLoader(environment: ["ACADEMY_CONFIG": try file("")]).load().lookupLimitPerMinute == 60)
        let raised = try ConfigLoader(environment: ["ACADEMY_LOOKUP_LIMIT_PER_MINUTE": "600"]).load()
        #expect(raised.lookupLimitPerMinute == 600)
        #expect(
            throws: ConfigError(
                key: "lookup_limit_per_minute", source: "environment",
                message: "'0' is not a whole number from 1 to 1000000")
        ) {
            try ConfigLoader(environment: ["ACADEMY_LOOKUP_LIMIT_PER_MINUTE": "0"]).load()
        }
    }

    /// The file is read as a typed YAML node tree (issue 14): values as written, lists joined, no value left out.
    @Test func fileValuesAreReadAsWritten() throws {
        let path = try file(
            "port: \"9004\"\nissuer_name: 2026-01-01\nsecure_cookies: on\nbase_url:\n"
                + "trusted_proxies: [10.0.0.1, fd00::/8]\n")
        let config = try ConfigLoader(environment: ["ACADEMY_CONFIG": path]).load()
        #expect(config.port == 9004)
        #expect(config.issuerName == "2026-01-01")
        #expect(config.secureCookies)
        #expect(config.baseURL == nil)
        #expect(config.trustedProxies.count == 2)
        let nested = try file("host:\n  name: x\n")
        let message = "expected a single value or a list of values"
        #expect(throws: ConfigError(key: "host", source: nested, message: message)) {
            try ConfigLoader(environment: ["ACADEMY_CONFIG": nested]).load()
        }
    }

    @Test func unknownKeyInTheFileIsRefused() throws {
        let path = try file("prot: 80\n")
        #expect(throws: ConfigError.self) { try ConfigLoader(environment: ["ACADEMY_CONFIG": path]).load() }
    }

    @Test func namedConfigFileMustExist() throws {
        #expect(throws: ConfigError.self) {
            try ConfigLoader(environment: [:], flags: ["config": "/nonexistent/academy.yaml"]).load()
        }
    }
}
