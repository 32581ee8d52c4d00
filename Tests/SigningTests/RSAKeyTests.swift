import Foundation
import Testing

@testable import Signing

@Suite struct RSAKeyTests {
    @Test func generatedKeyIs3072BitsAndWrittenWithMode0600() throws {
        let key = Fixtures.swiftKey
        #expect(key.bits == 3072)
        try withTempDir { dir in
            let path = dir.appendingPathComponent("key.pem").path
            try key.write(to: path)
            let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
            #expect(mode == 0o600)
            let pem = String(decoding: try readFile("key.pem", in: dir), as: UTF8.self)
            #expect(pem.hasPrefix("-----BEGIN PRIVATE KEY-----\n"))
            #expect(pem == (try key.pemRepresentation()))
            let text = try CLI.openssl(["pkey", "-in", "key.pem", "-text", "-noout"], in: dir).text
            #expect(text.contains("3072 bit"))
            // Overwriting an existing, world-readable file replaces it atomically with a 0600 file.
            try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path)
            try key.write(to: path)
            let again = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
            #expect(again == 0o600)
            #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["key.pem"])
            let reloaded = try RSAPrivateKey(pem: pem)
            #expect(try reloaded.publicKey.pemRepresentation() == key.publicKey.pemRepresentation())
        }
    }

    @Test func writeToMissingDirectoryThrowsIO() {
        let path = "/nonexistent-\(UUID().uuidString)/key.pem"
        #expect(errorKind { try Fixtures.otherKey.write(to: path) } == "io")
    }

    @Test func publicPEMAndFingerprintMatchOpenSSL() throws {
        let key = Fixtures.swiftKey
        try withTempDir { dir in
            try key.write(to: dir.appendingPathComponent("key.pem").path)
            let cliPEM = try CLI.openssl(["pkey", "-in", "key.pem", "-pubout"], in: dir).text
            let swiftPEM = try key.publicKey.pemRepresentation()
            #expect(swiftPEM.hasPrefix("-----BEGIN PUBLIC KEY-----\n"))
            #expect(swiftPEM == cliPEM)
            try writeFile(Array(swiftPEM.utf8), "pub.pem", in: dir)
            try CLI.openssl(["pkey", "-pubin", "-in", "pub.pem", "-outform", "DER", "-out", "pub.der"], in: dir)
            #expect(try readFile("pub.der", in: dir) == key.publicKey.derRepresentation())
            let sum = try CLI.run(["pub.der"], tool: "/usr/bin/sha256sum", in: dir).text
            let fingerprint = key.publicKey.fingerprintSHA256
            #expect(sum.split(separator: " ").first.map(String.init) == fingerprint)
            #expect(fingerprint.count == 64 && fingerprint == fingerprint.lowercased())
            let modulus = try CLI.openssl(["rsa", "-pubin", "-in", "pub.pem", "-modulus", "-noout"], in: dir).text
            #expect(
                modulus.trimmingCharacters(in: .whitespacesAndNewlines)
                    == "Modulus=" + Digest.hexForTests(key.publicKey.modulus).uppercased())
            #expect(key.publicKey.exponent == [0x01, 0x00, 0x01])
            #expect(key.publicKey.modulus.count == 384)
        }
    }

    @Test func opensslGeneratedKeyLoadsAndReEncodesIdentically() throws {
        let key = Fixtures.opensslKey
        #expect(key.bits == 3072)
        #expect(try key.pemRepresentation() == Fixtures.opensslKeyPEM)
        try withTempDir { dir in
            try writeFile(Array(Fixtures.opensslKeyPEM.utf8), "key.pem", in: dir)
            let pkcs1 = try CLI.openssl(["pkey", "-in", "key.pem", "-traditional"], in: dir).text
            #expect(pkcs1.hasPrefix("-----BEGIN RSA PRIVATE KEY-----"))
            #expect(try RSAPrivateKey(pem: pkcs1).pemRepresentation() == Fixtures.opensslKeyPEM)
        }
    }

    @Test func jwkRoundTrip() throws {
        let publicKey = Fixtures.swiftKey.publicKey
        let jwk = publicKey.jwk(kid: "2025-01")
        #expect(jwk.kty == "RSA" && jwk.alg == "RS256" && jwk.use == "sig" && jwk.kid == "2025-01")
        #expect(jwk.e == "AQAB")
        #expect(!jwk.n.contains("=") && jwk.n.count == 512)
        let n = try #require(Base64URL.decode(jwk.n))
        let e = try #require(Base64URL.decode(jwk.e))
        let rebuilt = try RSAPublicKey(n: n, e: e)
        #expect(try rebuilt.pemRepresentation() == publicKey.pemRepresentation())
        #expect(rebuilt.fingerprintSHA256 == publicKey.fingerprintSHA256)
        #expect(try jwk.publicKey().derRepresentation() == publicKey.derRepresentation())
        #expect(try RSAPublicKey(n: [0, 0] + n, e: e).derRepresentation() == publicKey.derRepresentation())
        #expect(try RSAPublicKey(der: publicKey.derRepresentation()).modulus == n)

        let set = JWKSet(keys: [jwk, Fixtures.otherKey.publicKey.jwk(kid: "old")])
        let json = try JSONEncoder().encode(set)
        let decoded = try JSONDecoder().decode(JWKSet.self, from: json)
        #expect(decoded == set)
        #expect(decoded.key(kid: "old") == set.keys[1])
        #expect(decoded.key(kid: "missing") == nil)
        let object = try #require(try JSONSerialization.jsonObject(with: json) as? [String: [[String: String]]])
        #expect(object["keys"]?.first?.keys.sorted() == ["alg", "e", "kid", "kty", "n", "use"])
    }

    @Test func badKeysAreRefused() throws {
        #expect(errorKind { _ = try RSAPublicKey(pem: "not a key") } == "invalidKey")
        #expect(errorKind { _ = try RSAPrivateKey(pem: "") } == "invalidKey")
        let publicPEM = try Fixtures.swiftKey.publicKey.pemRepresentation()
        #expect(errorKind { _ = try RSAPrivateKey(pem: publicPEM) } == "invalidKey")
        #expect(errorKind { _ = try RSAPublicKey(pem: Fixtures.opensslKeyPEM) } == "invalidKey")
        #expect(errorKind { _ = try RSAPrivateKey.generate(bits: 1024) } == "invalidArgument")
        #expect(errorKind { _ = try RSAPublicKey(n: [], e: [1, 0, 1]) } == "invalidKey")
        let n = Fixtures.swiftKey.publicKey.modulus
        #expect(errorKind { _ = try RSAPublicKey(n: n.dropLast() + [0x02], e: [1, 0, 1]) } == "invalidKey")
        #expect(errorKind { _ = try RSAPublicKey(n: n, e: [1]) } == "invalidKey")
        #expect(errorKind { _ = try RSAPublicKey(n: n, e: [2]) } == "invalidKey")
        #expect(errorKind { _ = try RSAPublicKey(n: Array(n.prefix(128)), e: [1, 0, 1]) } == "invalidKey")
        #expect(errorKind { _ = try RSAPublicKey(der: [0x30, 0x03, 0x02, 0x01, 0x00]) } == "invalidKey")
        let wrongType = JWK(n: "AQAB", e: "AQAB", kid: "x", kty: "EC")
        #expect(errorKind { _ = try wrongType.publicKey() } == "invalidKey")
        #expect(OpenSSLErrorQueue.drain() == "no details in the OpenSSL error queue")
    }

    @Test func foreignKeysAreRefusedWithoutPrompting() throws {
        try withTempDir { dir in
            try writeFile(Array(Fixtures.opensslKeyPEM.utf8), "key.pem", in: dir)
            try CLI.openssl(
                ["pkey", "-in", "key.pem", "-aes256", "-passout", "pass:secret", "-out", "enc.pem"], in: dir)
            let encrypted = String(decoding: try readFile("enc.pem", in: dir), as: UTF8.self)
            #expect(encrypted.contains("ENCRYPTED"))
            #expect(errorKind { _ = try RSAPrivateKey(pem: encrypted) } == "invalidKey")
            try CLI.openssl(
                ["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", "ec.pem"], in: dir)
            let ec = String(decoding: try readFile("ec.pem", in: dir), as: UTF8.self)
            #expect(errorKind { _ = try RSAPrivateKey(pem: ec) } == "invalidKey")
            try CLI.openssl(
                ["genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:1024", "-out", "small.pem"], in: dir)
            let small = String(decoding: try readFile("small.pem", in: dir), as: UTF8.self)
            #expect(errorKind { _ = try RSAPrivateKey(pem: small) } == "invalidKey")
        }
    }
}
