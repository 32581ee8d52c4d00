import Foundation
import HummingbirdTesting
import Testing

@testable import Academy

@Suite struct HealthTests {
    @Test func healthTellsStrangersOnlyThatItIsUp() async throws {
        try await TestApp.test { client in
            // when
            let response = try await client.execute(uri: "/healthz", method: .get)
            // then
            #expect(response.status == .ok)
            let json = try #require(response.json)
            #expect(json["status"] as? String == "ok")
            #expect(json["courses"] as? Int == 1)
            #expect(json["version"] as? String == AcademyVersion.current)
            #expect(json["sqlite"] == nil)
            #expect(json["openssl"] == nil)
        }
    }

    @Test func healthShowsAdminsTheLibraryVersions() async throws {
        try await TestApp.withServices { services, client in
            let admin = try await People.browser(services, try await People.make(services, "quantri", role: .admin))
            let trainer = try await People.browser(services, try await People.make(services, "gv", role: .trainer))
            let forAdmin = try #require(try await client.execute(uri: "/healthz", method: .get, headers: admin).json)
            #expect((forAdmin["sqlite"] as? String)?.hasPrefix("3.") == true)
            #expect((forAdmin["openssl"] as? String)?.contains("OpenSSL") == true)
            let forTrainer = try #require(
                try await client.execute(uri: "/healthz", method: .get, headers: trainer).json)
            #expect(forTrainer["sqlite"] == nil)
        }
    }
}
