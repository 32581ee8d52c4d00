import Foundation
import Signing
import Testing

@testable import Academy

/// The offline check from the certificates design, verbatim (the `\#` line continuation only wraps the long
/// line for the source; the string has it as one line); it runs in a folder holding certificate.jwt and issuer-key.pem.
let offlineRecipe = #"""
    IFS=. read -r H P S < certificate.jwt
    b64url() { s=$(printf %s "$1" | tr -- '-_' '+/'); \#
    case $((${#s} % 4)) in 2) s="$s==";; 3) s="$s=";; esac; printf %s "$s" | openssl base64 -d -A; }
    printf %s "$H.$P" > signed-part
    b64url "$S" > signature
    openssl dgst -sha256 -verify issuer-key.pem -signature signature signed-part   # prints "Verified OK"
    b64url "$P"                                                                    # the claims, as JSON
    """#

private let holder = "Nguyễn Thị Ánh"

private func sampleInput(base: String = "http://127.0.0.1:8080", code: String = "ABCD-EFGH-JKMN") -> CredentialInput {
    CredentialInput(
        baseURL: base, code: code, issuerName: "Trung tâm Chính trị huyện Yên Sơn", holderName: holder,
        holderUUID: "3f2c9a1e-7b4d-4e8f-9a06-1c5d2e7f8a90",
        achievementID: base + "/courses/an-toan-thong-tin#3", achievementName: "An toàn thông tin cơ bản",
        achievementDescription: "Kiến thức nền tảng về an toàn thông tin cho cán bộ cấp xã.",
        criteriaNarrative: "Hoàn thành các học phần và đạt bài kiểm tra cuối khoá (≥ 80%).",
        credentialName: "Chứng nhận: An toàn thông tin cơ bản",
        issuedAt: Date(timeIntervalSince1970: 1_767_947_405.75), kid: "2026-1")
}

private func jsonObject(_ bytes: [UInt8]) throws -> [String: Any] {
    try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
}

private let opensslPresent = Tools.find("openssl") != nil && FileManager.default.isExecutableFile(atPath: "/bin/sh")

/// A fresh temporary folder holding the token as certificate.jwt and the public key as issuer-key.pem.
private func certificateFolder(token: String, key: RSAPrivateKey) throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cert-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    try Data(token.utf8).write(to: folder.appendingPathComponent("certificate.jwt"))
    try Data(key.publicKey.pemRepresentation().utf8).write(to: folder.appendingPathComponent("issuer-key.pem"))
    return folder
}

@Suite struct CredentialBuilderTests {
    @Test func headerBytesAreExact() {
        let header = String(decoding: CredentialBuilder.header(sampleInput()), as: UTF8.self)
        #expect(header == #"{"alg":"RS256","kid":"http://127.0.0.1:8080/keys/2026-1","typ":"JWT"}"#)
    }

    @Test func payloadHasEveryRequiredMember() throws {
        let base = "http://127.0.0.1:8080"
        let claims = try jsonObject(CredentialBuilder.payload(sampleInput()))
        let expectedKeys = [
            "@context", "credentialStatus", "credentialSubject", "id", "iss", "issuer", "jti", "name",
            "nbf", "sub", "type", "validFrom",
        ]
        #expect(claims.keys.sorted() == expectedKeys)
        #expect(
            claims["@context"] as? [String] == [
                "https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
            ])
        #expect(claims["id"] as? String == base + "/v/ABCD-EFGH-JKMN")
        #expect(claims["type"] as? [String] == ["VerifiableCredential", "OpenBadgeCredential"])
        let issuer = try #require(claims["issuer"] as? [String: Any])
        #expect(issuer.keys.sorted() == ["id", "name", "type"])
        #expect(issuer["id"] as? String == base + "/issuer")
        #expect(issuer["type"] as? [String] == ["Profile"])
        #expect(issuer["name"] as? String == "Trung tâm Chính trị huyện Yên Sơn")
        #expect(claims["validFrom"] as? String == "2026-01-09T08:30:05Z")
        #expect(claims["name"] as? String == "Chứng nhận: An toàn thông tin cơ bản")
        let subject = try #require(claims["credentialSubject"] as? [String: Any])
        #expect(subject.keys.sorted() == ["achievement", "id", "identifier", "type"])
        #expect(subject["id"] as? String == "urn:uuid:3f2c9a1e-7b4d-4e8f-9a06-1c5d2e7f8a90")
        #expect(subject["type"] as? [String] == ["AchievementSubject"])
        let identifiers = try #require(subject["identifier"] as? [[String: Any]])
        #expect(identifiers.count == 1)
        let identity = try #require(identifiers.first)
        #expect(identity.keys.sorted() == ["hashed", "identityHash", "identityType", "type"])
        #expect(identity["type"] as? String == "IdentityObject")
        #expect(identity["identityType"] as? String == "name")
        #expect(identity["hashed"] as? Bool == false)
        #expect(identity["identityHash"] as? String == holder)
        let achievement = try #require(subject["achievement"] as? [String: Any])
        #expect(achievement.keys.sorted() == ["criteria", "description", "id", "name", "type"])
        #expect(achievement["id"] as? String == base + "/courses/an-toan-thong-tin#3")
        #expect(achievement["type"] as? [String] == ["Achievement"])
        #expect(achievement["name"] as? String == "An toàn thông tin cơ bản")
        #expect(achievement["description"] as? String == "Kiến thức nền tảng về an toàn thông tin cho cán bộ cấp xã.")
        let criteria = try #require(achievement["criteria"] as? [String: Any])
        let narrative = "Hoàn thành các học phần và đạt bài kiểm tra cuối khoá (≥ 80%)."
        #expect(criteria as? [String: String] == ["narrative": narrative])
        let status = try #require(claims["credentialStatus"] as? [String: String])
        #expect(status == ["id": base + "/status/revocations.json", "type": "1EdTechRevocationList"])
        #expect(claims["iss"] as? String == issuer["id"] as? String)
        #expect(claims["jti"] as? String == claims["id"] as? String)
        #expect(claims["sub"] as? String == subject["id"] as? String)
        #expect((claims["nbf"] as? NSNumber)?.int64Value == 1_767_947_405)
    }

    @Test func payloadIsDeterministicCompactAndUnescaped() throws {
        let payload = CredentialBuilder.payload(sampleInput())
        #expect(payload == CredentialBuilder.payload(sampleInput()))
        let text = String(decoding: payload, as: UTF8.self)
        #expect(text.hasPrefix(#"{"@context":["https://www.w3.org/ns/credentials/v2","#))
        #expect(!text.contains("\\/") && !text.contains("\\u") && !text.contains(" \""))
        #expect(text.contains(#""identityHash":"Nguyễn Thị Ánh""#))
        // The same name typed in decomposed form (NFD) gives the same bytes.
        var decomposed = sampleInput()
        decomposed.holderName = holder.decomposedStringWithCanonicalMapping
        #expect(Array(decomposed.holderName.utf8) != Array(holder.utf8))
        #expect(CredentialBuilder.payload(decomposed) == payload)
    }

    @Test func awkwardTextRoundTrips() throws {
        var input = sampleInput()
        input.achievementDescription = "Dòng 1\nDòng \"2\"\t\\ </script> \u{1} 😀 \u{2028}"
        let claims = try jsonObject(CredentialBuilder.payload(input))
        let subject = try #require(claims["credentialSubject"] as? [String: Any])
        let achievement = try #require(subject["achievement"] as? [String: Any])
        #expect(achievement["description"] as? String == input.achievementDescription)
    }

    @Test func rfc3339TimesAreUTCSeconds() {
        #expect(CredentialTime.rfc3339(0) == "1970-01-01T00:00:00Z")
        #expect(CredentialTime.rfc3339(951_782_400) == "2000-02-29T00:00:00Z")
        #expect(CredentialTime.rfc3339(-1) == "1969-12-31T23:59:59Z")
        #expect(CredentialTime.rfc3339(-12_219_292_800) == "1582-10-15T00:00:00Z")
        #expect(CredentialTime.rfc3339(253_402_300_799) == "9999-12-31T23:59:59Z")
        #expect(CredentialTime.epochSeconds(Date(timeIntervalSince1970: 10.999)) == 10)
        #expect(CredentialTime.epochSeconds(Date(timeIntervalSince1970: -0.5)) == -1)
        // Before the Gregorian calendar and after year 9999, times are held at the ends of the range.
        #expect(CredentialTime.epochSeconds(Date(timeIntervalSince1970: -62_135_596_800)) == CredentialTime.earliest)
        #expect(CredentialTime.rfc3339(-62_135_596_800) == "1582-10-15T00:00:00Z")
        #expect(CredentialTime.rfc3339(Int64.max) == "9999-12-31T23:59:59Z")
    }

    /// `Date.ISO8601FormatStyle` writes, over the whole range, the bytes the hand-written calendar arithmetic it
    /// replaced wrote: signed credentials keep their format.
    @Test func rfc3339MatchesTheArithmeticItReplaced() {
        var mismatches: [Int64] = []
        let edges: [Int64] = [
            -12_219_292_800, -1, 0, 1, 951_782_400 - 1, 951_782_400, 4_107_542_400 - 1, 4_107_542_400,
            253_402_300_799,
        ]
        for seconds in edges + Array(stride(from: CredentialTime.earliest, to: CredentialTime.latest, by: 3_196_801))
        where CredentialTime.rfc3339(seconds) != Self.civil(seconds) {
            mismatches.append(seconds)
        }
        #expect(mismatches.isEmpty, "differs at \(mismatches.prefix(5))")
    }

    /// The arithmetic `CredentialTime` used before (Howard Hinnant's `civil_from_days`), kept as the reference.
    static func civil(_ seconds: Int64) -> String {
        func floorDivision(_ value: Int64, _ divisor: Int64) -> (quotient: Int64, remainder: Int64) {
            let remainder = ((value % divisor) + divisor) % divisor
            return ((value - remainder) / divisor, remainder)
        }
        func pad(_ value: Int64, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        let (days, secondOfDay) = floorDivision(seconds, 86_400)
        let shifted = days + 719_468
        let era = floorDivision(shifted, 146_097).quotient
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        let date = pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2)
        let time = pad(secondOfDay / 3_600, 2) + ":" + pad(secondOfDay / 60 % 60, 2) + ":" + pad(secondOfDay % 60, 2)
        return date + "T" + time + "Z"
    }

    @Test func signedTokenVerifiesWithJWS() throws {
        let key = try sharedKey.get()
        let input = sampleInput()
        let token = try CredentialBuilder.sign(input, key: key)
        #expect(token.split(separator: ".").count == 3)
        let verified = try JWS.verify(token, key: key.publicKey)
        #expect(verified.header == CredentialBuilder.header(input))
        #expect(verified.payload == CredentialBuilder.payload(input))
        #expect(JWS.headerKid(token) == "http://127.0.0.1:8080/keys/2026-1")
        #expect(token == (try CredentialBuilder.sign(input, key: key)), "RS256 signatures are deterministic")
    }

    @Test(.enabled(if: opensslPresent, "needs the openssl command (Debian openssl)"))
    func signedTokenVerifiesWithOpenSSLCommand() throws {
        let key = try sharedKey.get()
        let token = try CredentialBuilder.sign(sampleInput(), key: key)
        let folder = try certificateFolder(token: token, key: key)
        defer { try? FileManager.default.removeItem(at: folder) }
        let parts = token.split(separator: ".").map(String.init)
        try Data((parts[0] + "." + parts[1]).utf8).write(to: folder.appendingPathComponent("signed-part"))
        try Data(try #require(Base64URL.decode(parts[2]))).write(to: folder.appendingPathComponent("signature"))
        let openssl = try #require(Tools.find("openssl"))
        let arguments = ["dgst", "-sha256", "-verify", "issuer-key.pem", "-signature", "signature", "signed-part"]
        let (status, output) = try Tools.run(openssl, arguments, in: folder)
        #expect(status == 0)
        #expect(String(decoding: output, as: UTF8.self) == "Verified OK\n")
        // One changed byte in the signed part makes openssl refuse it.
        try Data((parts[0] + "." + parts[1] + "x").utf8).write(to: folder.appendingPathComponent("signed-part"))
        let (badStatus, badOutput) = try Tools.run(openssl, arguments, in: folder)
        #expect(badStatus != 0)
        #expect(String(decoding: badOutput, as: UTF8.self).contains("Verification failure"))
    }

    @Test(.enabled(if: opensslPresent, "needs the openssl command (Debian openssl)"))
    func offlineShellRecipeVerifiesAndPrintsThePayload() throws {
        let key = try sharedKey.get()
        let input = sampleInput()
        let token = try CredentialBuilder.sign(input, key: key)
        let folder = try certificateFolder(token: token, key: key)
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(offlineRecipe.split(separator: "\n").count == 6)
        #expect(offlineRecipe.contains(#"tr -- '-_' '+/'); case $((${#s} % 4)) in 2)"#))
        let (status, output) = try Tools.run("/bin/sh", ["-c", offlineRecipe], in: folder)
        #expect(status == 0)
        let prefix = Data("Verified OK\n".utf8)
        #expect(output.prefix(prefix.count) == prefix)
        let claims = [UInt8](output.dropFirst(prefix.count))
        #expect(claims == CredentialBuilder.payload(input))
        let parsed = try jsonObject(claims) as NSDictionary
        #expect(parsed.isEqual(to: try jsonObject(CredentialBuilder.payload(input))))
    }

    @Test func verifyURLFitsTheQRCodeBudget() throws {
        let input = sampleInput(base: "https://hoctap.tuyenquang.gov.vn", code: try CredentialCode.generate())
        let url = CredentialBuilder.verifyURL(input)
        #expect(url.hasPrefix("https://hoctap.tuyenquang.gov.vn/v/"))
        #expect(url.utf8.count <= 62)
        #expect(try jsonObject(CredentialBuilder.payload(input))["id"] as? String == url)
        #expect(
            CredentialBuilder.verifyURL(sampleInput(base: "https://hoctap.tuyenquang.gov.vn/"))
                == "https://hoctap.tuyenquang.gov.vn/v/ABCD-EFGH-JKMN")
    }
}

@Suite struct CredentialCodeTests {
    @Test func generatedCodesAreCrockfordAndDistinct() throws {
        var seen = Set<String>()
        for _ in 0..<200 {
            let code = try CredentialCode.generate()
            #expect(code.count == 14)
            #expect(code.wholeMatch(of: /[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}/) != nil)
            #expect(CredentialCode.normalize(code) == code)
            seen.insert(code)
        }
        #expect(seen.count == 200)
    }

    @Test func normalizeIgnoresCaseDashesSpacesAndLookAlikes() {
        #expect(CredentialCode.normalize("abcd efgh ijkl") == "ABCD-EFGH-1JK1")
        #expect(CredentialCode.normalize("ABCD-EFGH-JKMN") == "ABCD-EFGH-JKMN")
        #expect(CredentialCode.normalize("abcdefghjkmn") == "ABCD-EFGH-JKMN")
        #expect(CredentialCode.normalize("o0Oo-iIlL-1234") == "0000-1111-1234")
        #expect(CredentialCode.normalize(" 7kq2--m9xd 40tb ") == "7KQ2-M9XD-40TB")
    }

    @Test func normalizeRejectsBadCodes() {
        #expect(CredentialCode.normalize("ABCD-EFGH-JKM") == nil)
        #expect(CredentialCode.normalize("ABCD-EFGH-JKMNP") == nil)
        #expect(CredentialCode.normalize("ABCD-EFGH-JKMU") == nil)
        #expect(CredentialCode.normalize("abcd-efgh-jkmu") == nil)
        #expect(CredentialCode.normalize("ABCD_EFGH_JKMN") == nil)
        #expect(CredentialCode.normalize("ÁBCD-EFGH-JKMN") == nil)
        #expect(CredentialCode.normalize("") == nil)
    }
}
