import Foundation
import HummingbirdTesting
import Testing

@testable import Academy

@Suite struct HealthTests {
    @Test func healthReportsVersionsAndCourseCount() async throws {
        try await TestApp.test { client in
            // when
            let response = try await client.execute(uri: "/healthz", method: .get)
            // then
            #expect(response.status == .ok)
            let json = try #require(response.json)
            #expect(json["status"] as? String == "ok")
            #expect((json["sqlite"] as? String)?.hasPrefix("3.") == true)
            #expect((json["openssl"] as? String)?.contains("OpenSSL") == true)
            #expect(json["courses"] as? Int == 1)
            #expect(json["version"] as? String == AcademyVersion.current)
        }
    }
}
