import Foundation
import Testing

@testable import Signing

@Suite struct JWSTests {
    let header = Array(#"{"alg":"RS256","typ":"JWT","kid":"k1"}"#.utf8)
    let payload = Array(#"{"sub":"học-viên-42","iat":1700000000,"scope":"read write"}"#.utf8)

    /// Builds a token from raw JSON, signing with RS256 regardless of the header.
    func forge(_ headerJSON: String, payload: [UInt8], signature: [UInt8]? = nil) throws -> String {
        let input = Base64URL.encode(Array(headerJSON.utf8)) + "." + Base64URL.encode(payload)
        let sig = try signature ?? RSASigner.sign(Array(input.utf8), with: Fixtures.swiftKey)
        return input + "." + Base64URL.encode(sig)
    }

    @Test func swiftTokenVerifiesWithOpenSSL() throws {
        let token = try JWS.sign(header: header, payload: payload, key: Fixtures.swiftKey)
        let parts = token.split(separator: ".").map(String.init)
        #expect(parts.count == 3)
        try withTempDir { dir in
            try writeFile(Array(try Fixtures.swiftKey.publicKey.pemRepresentation().utf8), "pub.pem", in: dir)
            try writeFile(Array((parts[0] + "." + parts[1]).utf8), "signed-part", in: dir)
            try writeFile(try #require(Base64URL.decode(parts[2])), "sig", in: dir)
            let result = try CLI.run(
                ["dgst", "-sha256", "-verify", "pub.pem", "-signature", "sig", "signed-part"], in: dir)
            #expect(result.text.contains("Verified OK"))
        }
    }

    @Test func roundTripIsByteExactAndReproducible() throws {
        let odd = Array("{ \"kid\" : \"k1\",\n \"alg\":\"RS256\" }".utf8)
        let token = try JWS.sign(header: odd, payload: payload, key: Fixtures.swiftKey)
        #expect(token == (try JWS.sign(header: odd, payload: payload, key: Fixtures.swiftKey)))
        #expect(token.hasPrefix(Base64URL.encode(odd) + "." + Base64URL.encode(payload) + "."))
        let verified = try JWS.verify(token, key: Fixtures.swiftKey.publicKey)
        #expect(verified.header == odd)
        #expect(verified.payload == payload)
        let decoded = try JWS.decode(token)
        #expect(decoded.headerJSON == odd && decoded.payloadJSON == payload)
        #expect(decoded.signingInput == Array(token.split(separator: ".").prefix(2).joined(separator: ".").utf8))
        #expect(decoded.signature.count == 384)
        let empty = try JWS.sign(header: header, payload: [], key: Fixtures.swiftKey)
        #expect(try JWS.verify(empty, key: Fixtures.swiftKey.publicKey).payload == [])
    }

    @Test func headerKid() throws {
        let token = try JWS.sign(header: header, payload: payload, key: Fixtures.swiftKey)
        #expect(JWS.headerKid(token) == "k1")
        #expect(JWS.headerKid(try forge(#"{"alg":"RS256"}"#, payload: payload)) == nil)
        #expect(JWS.headerKid(try forge(#"{"alg":"RS256","kid":7}"#, payload: payload)) == nil)
        #expect(JWS.headerKid("a.b") == nil)
        #expect(JWS.headerKid("") == nil)
    }

    @Test func changedBytesAreRefused() throws {
        let key = Fixtures.swiftKey.publicKey
        let token = try JWS.sign(header: header, payload: payload, key: Fixtures.swiftKey)
        let changedHeader = try forge(
            #"{"alg":"RS256","typ":"JWT","kid":"k2"}"#, payload: payload,
            signature: JWS.decode(token).signature)
        #expect(errorKind { _ = try JWS.verify(changedHeader, key: key) } == "badSignature")
        var changedPayload = payload
        changedPayload[10] ^= 0x01
        let payloadToken = try forge(
            String(decoding: header, as: UTF8.self), payload: changedPayload,
            signature: JWS.decode(token).signature)
        #expect(errorKind { _ = try JWS.verify(payloadToken, key: key) } == "badSignature")
        var signature = try JWS.decode(token).signature
        signature[100] ^= 0x80
        let sigToken = try forge(String(decoding: header, as: UTF8.self), payload: payload, signature: signature)
        #expect(errorKind { _ = try JWS.verify(sigToken, key: key) } == "badSignature")
        // Every single-character change anywhere in the token is refused.
        let chars = Array(token.utf8)
        for index in chars.indices {
            var altered = chars
            altered[index] = chars[index] == UInt8(ascii: "A") ? UInt8(ascii: "B") : UInt8(ascii: "A")
            let text = String(decoding: altered, as: UTF8.self)
            #expect(errorKind { _ = try JWS.verify(text, key: key) } != nil, "accepted change at \(index)")
        }
        #expect(try JWS.verify(token, key: key).payload == payload)
    }

    @Test func wrongKeyIsRefused() throws {
        let token = try JWS.sign(header: header, payload: payload, key: Fixtures.swiftKey)
        #expect(errorKind { _ = try JWS.verify(token, key: Fixtures.otherKey.publicKey) } == "badSignature")
        #expect(errorKind { _ = try JWS.verify(token, key: Fixtures.opensslKey.publicKey) } == "badSignature")
    }

    @Test func otherAlgorithmsAreRefused() throws {
        let key = Fixtures.swiftKey.publicKey
        let headers = [
            #"{"alg":"none"}"#, #"{"alg":"HS256"}"#, #"{"alg":"RS512"}"#, #"{"alg":"PS256"}"#,
            #"{"alg":"rs256"}"#, #"{"alg":"RS256 "}"#, #"{"alg":null}"#, #"{"alg":["RS256"]}"#,
            #"{"typ":"JWT"}"#, #"{}"#,
        ]
        for headerJSON in headers {
            // Correctly RS256-signed over the given header: still refused by name.
            let signed = try forge(headerJSON, payload: payload)
            #expect(errorKind { _ = try JWS.verify(signed, key: key) } == "unsupportedAlgorithm", "\(headerJSON)")
            #expect(
                errorKind {
                    _ = try JWS.sign(
                        header: Array(headerJSON.utf8), payload: payload,
                        key: Fixtures.swiftKey)
                } == "unsupportedAlgorithm")
        }
        let unsigned = Base64URL.encode(Array(#"{"alg":"none"}"#.utf8)) + "." + Base64URL.encode(payload) + "."
        #expect(errorKind { _ = try JWS.verify(unsigned, key: key) } == "unsupportedAlgorithm")
        let hmacLike = try forge(#"{"alg":"HS256"}"#, payload: payload, signature: SecureRandom.bytes(32))
        #expect(errorKind { _ = try JWS.verify(hmacLike, key: key) } == "unsupportedAlgorithm")
        let emptySig = try forge(#"{"alg":"RS256"}"#, payload: payload, signature: [])
        #expect(errorKind { _ = try JWS.verify(emptySig, key: key) } == "badSignature")
    }

    @Test func critIsRefused() throws {
        let token = try forge(#"{"alg":"RS256","crit":["exp"],"exp":1}"#, payload: payload)
        #expect(errorKind { _ = try JWS.verify(token, key: Fixtures.swiftKey.publicKey) } == "malformedToken")
        let b64 = try forge(#"{"alg":"RS256","b64":false,"crit":["b64"]}"#, payload: payload)
        #expect(errorKind { _ = try JWS.verify(b64, key: Fixtures.swiftKey.publicKey) } == "malformedToken")
        #expect(
            errorKind {
                _ = try JWS.sign(
                    header: Array(#"{"alg":"RS256","crit":[]}"#.utf8), payload: payload,
                    key: Fixtures.swiftKey)
            } == "malformedToken")
    }

    @Test func malformedTokensAreRefused() throws {
        let key = Fixtures.swiftKey.publicKey
        let token = try JWS.sign(header: header, payload: payload, key: Fixtures.swiftKey)
        let parts = token.split(separator: ".").map(String.init)
        let sig = parts[2]
        let malformed = [
            "", ".", "..", "...", parts[0] + "." + parts[1], token + "." + sig, token + ".",
            "!!!." + parts[1] + "." + sig, parts[0] + ".$$$." + sig, parts[0] + "." + parts[1] + ".a+b/",
            parts[0] + "=." + parts[1] + "." + sig, parts[0] + "." + parts[1] + "." + sig + "==",
            " " + token, token + "\n", parts[0] + ". " + parts[1] + "." + sig,
            Base64URL.encode(Array("not json".utf8)) + "." + parts[1] + "." + sig,
            Base64URL.encode(Array("[\"RS256\"]".utf8)) + "." + parts[1] + "." + sig,
            Base64URL.encode(Array("\"RS256\"".utf8)) + "." + parts[1] + "." + sig,
            Base64URL.encode([0xFF, 0xFE, 0x7B, 0x7D]) + "." + parts[1] + "." + sig,
            "." + parts[1] + "." + sig,
        ]
        for bad in malformed {
            #expect(errorKind { _ = try JWS.decode(bad) } == "malformedToken", "decode accepted \(bad)")
            #expect(errorKind { _ = try JWS.verify(bad, key: key) } == "malformedToken", "verify accepted \(bad)")
        }
        #expect(
            errorKind {
                _ = try JWS.sign(
                    header: Array("nope".utf8), payload: payload,
                    key: Fixtures.swiftKey)
            } == "malformedToken")
    }
}
