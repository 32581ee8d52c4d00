import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Signing
import Testing

@testable import Academy

/// Issue 14: `POST /api/v1/verify` is written from a typed answer, with the claims passed through as signed.
@Suite struct VerifyAPITests {
    @Test func theClaimsComeBackExactlyAsSigned() async throws {
        try await TestApp.withServices { services, client in
            // given
            let (_, code) = try await CertificateFlowTests().passFinal(services)
            let jwt = try #require(try await services.certificates.find(code)?.jwt)
            // when
            let verdict = try await client.execute(uri: "/api/v1/verify", method: .post, body: ByteBuffer(string: jwt))
            // then: the claims' own names (validFrom, credentialSubject) are not snake-cased
            let claims = try #require(verdict.json?["claims"] as? NSDictionary)
            let signed = try JSONSerialization.jsonObject(with: Data(try JWS.decode(jwt).payloadJSON)) as? NSDictionary
            #expect(claims == signed)
            #expect(claims["validFrom"] != nil && claims["valid_from"] == nil)
            #expect(verdict.json?["signature_valid"] as? Bool == true)
            #expect(verdict.json?["kid"] as? String == KeyStore.shortKid(try #require(JWS.headerKid(jwt))))
        }
    }

    @Test func aNonCredentialGetsTheSameShapeAsBefore() async throws {
        try await TestApp.withServices { _, client in
            let verdict = try await client.execute(
                uri: "/api/v1/verify", method: .post, body: ByteBuffer(string: "khong-phai-jwt"))
            #expect(verdict.status == .ok)
            #expect(
                verdict.text
                    == #"{"code":null,"kid":null,"problem":"not_a_credential","signature_valid":false,"status":"invalid"}"#
            )
        }
    }

    @Test func theClaimsReadTyped() throws {
        // given: a payload as the credential builder writes it
        let input = CredentialInput(
            baseURL: "https://hoctap.example.vn/", code: "ABCD-EFGH-JKMN", issuerName: "Sở Nội vụ",
            holderName: "Nguyễn Thị Ánh", holderUUID: UUID().uuidString, achievementID: "x",
            achievementName: "Chuyển đổi số", achievementDescription: "d", criteriaNarrative: "Đạt bài kiểm tra",
            credentialName: "Chứng nhận", issuedAt: Date(timeIntervalSince1970: 1_764_316_800), kid: "2026-1")
        // when
        let claims = try #require(CredentialClaims.read(CredentialBuilder.payload(input)))
        // then
        #expect(claims.code == "ABCD-EFGH-JKMN")
        #expect(claims.id == "https://hoctap.example.vn/v/ABCD-EFGH-JKMN")
        #expect(claims.holderName == "Nguyễn Thị Ánh")
        #expect(claims.courseName == "Chuyển đổi số")
        #expect(claims.issuer?.name == "Sở Nội vụ")
        #expect(claims.credentialSubject?.achievement?.criteria?.narrative == "Đạt bài kiểm tra")
        #expect(claims.validFrom == "2025-11-28T08:00:00Z")
        #expect(CredentialClaims.read(Array("[1]".utf8)) == nil)
    }
}
