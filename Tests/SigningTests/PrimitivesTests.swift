import Foundation
import Testing

@testable import Signing

@Suite struct SecureRandomTests {
    @Test func tokensAre43CharBase64URLAndDiffer() throws {
        var seen = Set<String>()
        for _ in 0..<200 {
            let token = try SecureRandom.token()
            #expect(token.count == 43)
            #expect(
                token.utf8.allSatisfy {
                    $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_")
                        || (0x30...0x39).contains($0) || (0x41...0x5A).contains($0) || (0x61...0x7A).contains($0)
                })
            #expect(Base64URL.decode(token)?.count == 32)
            seen.insert(token)
        }
        #expect(seen.count == 200)
    }

    @Test func byteCounts() throws {
        #expect(try SecureRandom.bytes(0) == [])
        #expect(try SecureRandom.bytes(1000).count == 1000)
        #expect(try SecureRandom.bytes(32) != SecureRandom.bytes(32))
        #expect(errorKind { _ = try SecureRandom.bytes(-1) } == "invalidArgument")
    }
}

@Suite struct Base64URLTests {
    @Test func rfc4648Vectors() {
        let vectors = [
            "": "", "f": "Zg", "fo": "Zm8", "foo": "Zm9v", "foob": "Zm9vYg",
            "fooba": "Zm9vYmE", "foobar": "Zm9vYmFy",
        ]
        for (plain, encoded) in vectors {
            #expect(Base64URL.encode(Array(plain.utf8)) == encoded)
            #expect(Base64URL.decode(encoded) == Array(plain.utf8))
        }
        #expect(Base64URL.encode([0xFB, 0xFF, 0xBF]) == "-_-_")
        #expect(Base64URL.decode("-_-_") == [0xFB, 0xFF, 0xBF])
    }

    @Test func matchesFoundationForAllLengths() throws {
        for length in 0..<70 {
            let bytes = try SecureRandom.bytes(length)
            let foundation = Data(bytes).base64EncodedString()
                .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
                .replacingOccurrences(of: "=", with: "")
            #expect(Base64URL.encode(bytes) == foundation)
            #expect(Base64URL.decode(foundation) == bytes)
        }
    }

    @Test func rejectsInvalidInput() {
        for bad in ["Zg==", "Zm9v=", "Zm+v", "Zm/v", "Z", "Zm9vY", "Zm 9v", "Zm9v\n", "Zh", "Zm9", "é", "Zm9v."] {
            #expect(Base64URL.decode(bad) == nil, "accepted \(bad)")
        }
    }
}

@Suite struct DigestAndCompareTests {
    @Test func sha256KnownAnswers() {
        #expect(Digest.sha256Hex([]) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(
            Digest.sha256Hex(Array("abc".utf8))
                == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(Digest.sha256(Array("abc".utf8)).count == 32)
    }

    @Test func sha256MatchesSha256sum() throws {
        try withTempDir { dir in
            let data = try SecureRandom.bytes(5000)
            try writeFile(data, "data", in: dir)
            let result = try CLI.run(["data"], tool: "/usr/bin/sha256sum", in: dir)
            #expect(result.text.split(separator: " ").first.map(String.init) == Digest.sha256Hex(data))
        }
    }

    @Test func constantTimeEquals() {
        #expect(ConstantTime.equals([], []))
        #expect(ConstantTime.equals([1, 2, 3], [1, 2, 3]))
        #expect(!ConstantTime.equals([1, 2, 3], [1, 2, 4]))
        #expect(!ConstantTime.equals([1, 2, 3], [1, 2]))
        #expect(!ConstantTime.equals([], [0]))
    }

    @Test func openSSLVersion() throws {
        #expect(OpenSSLInfo.version.hasPrefix("OpenSSL 3"))
        try withTempDir { dir in
            let cli = try CLI.openssl(["version"], in: dir).text
            #expect(cli.hasPrefix(OpenSSLInfo.version) || cli.contains("Library: \(OpenSSLInfo.version)"))
        }
        #expect(OpenSSLInfo.versionNumber >= 0x3000_0000)
    }

    @Test func errorsCarryOpenSSLTextAndClearTheQueue() {
        do {
            _ = try RSAPublicKey(pem: "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n")
            Issue.record("garbage PEM accepted")
        } catch let SigningError.invalidKey(message) {
            #expect(message.contains("PEM_read_bio_PUBKEY"))
            #expect(message.contains("error:"))
        } catch {
            Issue.record("unexpected \(error)")
        }
        #expect(OpenSSLErrorQueue.drain() == "no details in the OpenSSL error queue")
    }
}
