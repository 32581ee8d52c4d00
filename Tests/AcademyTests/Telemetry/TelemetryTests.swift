import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import Testing

@testable import Academy

/// Issue 17, point 4: `/metrics` in Prometheus's format for allowed addresses only, and JSON log lines.
@Suite struct TelemetryTests {
    func live(allow: String, _ body: @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        Telemetry.bootstrap()
        var services = try await TestApp.services()
        var config = services.config
        config.metricsAllow = try ConfigLoader(environment: ["ACADEMY_METRICS_ALLOW": allow]).load().metricsAllow
        services = services.replacing(config: config, throttle: services.throttle)
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        try await Application(router: buildRouter(services), logger: logger).test(.live, body)
    }

    @Test func loopbackReadsTheFiguresInPrometheusFormat() async throws {
        try await live(allow: "127.0.0.1, ::1") { client in
            // given some traffic: a page, a missing page, a quiz submitted through the API
            _ = try await client.execute(uri: "/healthz", method: .get)
            _ = try await client.execute(uri: "/khong-co", method: .get)
            // when Prometheus scrapes
            let response = try await client.execute(uri: "/metrics", method: .get)
            // then every family the issue names is there, in the text format
            #expect(response.status == .ok)
            #expect(response.headers[.contentType]?.hasPrefix("text/plain; version=0.0.4") == true)
            let text = String(buffer: response.body)
            for family in [
                "# TYPE hb_requests counter", "# TYPE http_server_request_duration histogram",
                "# TYPE academy_quiz_submissions_total counter", "# TYPE academy_quiz_submission_seconds histogram",
                "# TYPE academy_write_batch_size histogram", "# TYPE academy_write_commit_seconds histogram",
                "# TYPE academy_certificates_issued_total counter",
                "# TYPE academy_certificate_signing_seconds histogram", "# TYPE academy_active_sessions gauge",
                "# TYPE academy_database_bytes gauge", "# TYPE academy_database_wal_bytes gauge",
            ] {
                #expect(text.contains(family), "\(family)")
            }
            #expect(
                text.contains(
                    #"hb_requests{http_route="/healthz",http_request_method="GET",http_response_status_code="200"}"#))
            #expect(!text.contains("hb.requests"), "names are Prometheus's spelling")
        }
    }

    @Test func otherAddressesGetNotFound() async throws {
        try await live(allow: "10.0.0.0/8") { client in
            let response = try await client.execute(uri: "/metrics", method: .get)
            #expect(response.status == .notFound)
            #expect(!String(buffer: response.body).contains("academy_"))
        }
    }

    @Test func aBadRangeOrFormatStopsStartUpNamingTheKey() throws {
        #expect(throws: ConfigError.self) {
            try ConfigLoader(environment: ["ACADEMY_METRICS_ALLOW": "10.0.0.0/40"]).load()
        }
        do {
            _ = try ConfigLoader(environment: ["ACADEMY_LOG_FORMAT": "xml"]).load()
            Issue.record("expected an error")
        } catch let error as ConfigError {
            #expect(error.key == "log_format" && error.message.contains("text or json"))
        }
        #expect(try ConfigLoader(environment: ["ACADEMY_LOG_FORMAT": "JSON"]).load().logFormat == .json)
        #expect(try ConfigLoader(environment: [:]).load().metricsAllow.count == 2)
    }

    @Test func jsonLogLinesAreOneObjectEach() throws {
        let lines = LinesBox()
        var logger = Logger(label: "academy") { label in
            JSONLogHandler(label: label, level: .info) { data in lines.append(data) }
        }
        logger[metadataKey: "hb.request.id"] = "abc123"
        logger.info("Người dùng \"An\" đăng nhập\nlần 2", metadata: ["user": "7", "tags": ["a", "b"]])
        logger.debug("not written: below the level")
        let written = lines.all
        #expect(written.count == 1)
        let line = try #require(written.first)
        #expect(line.last == 0x0A && !line.dropLast().contains(0x0A), "one line, ended by a newline")
        let object = try #require(try JSONSerialization.jsonObject(with: line) as? [String: Any])
        #expect(object["message"] as? String == "Người dùng \"An\" đăng nhập\nlần 2")
        #expect(object["level"] as? String == "info")
        #expect(object["label"] as? String == "academy")
        #expect(object["hb.request.id"] as? String == "abc123")
        #expect(object["user"] as? String == "7")
        #expect(object["tags"] as? [String] == ["a", "b"])
        #expect((object["time"] as? String)?.hasSuffix("Z") == true)
    }
}

/// Collects what a handler writes, from any thread.
final class LinesBox: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [Data] = []
    func append(_ data: Data) { lock.withLock { lines.append(data) } }
    var all: [Data] { lock.withLock { lines } }
}
