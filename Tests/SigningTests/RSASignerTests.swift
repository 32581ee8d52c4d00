import Foundation
import Testing

@testable import Signing

@Suite struct RSASignerTests {
    @Test func opensslSignatureVerifiesInSwift() throws {
        let key = Fixtures.opensslKey
        let data = Array("bytes signed by the openssl command line \u{1F510}".utf8) + (try SecureRandom.bytes(300))
        try withTempDir { dir in
            try writeFile(Array(Fixtures.opensslKeyPEM.utf8), "key.pem", in: dir)
            try writeFile(data, "data", in: dir)
            try CLI.openssl(["dgst", "-sha256", "-sign", "key.pem", "-out", "sig", "data"], in: dir)
            let signature = try readFile("sig", in: dir)
            #expect(signature.count == 384)
            #expect(RSASigner.verify(signature: signature, data: data, key: key.publicKey))
            #expect(!RSASigner.verify(signature: signature, data: data + [0], key: key.publicKey))
            #expect(!RSASigner.verify(signature: signature, data: data, key: Fixtures.swiftKey.publicKey))
            // PKCS#1 v1.5 is deterministic: Swift produces the very same bytes.
            #expect(try RSASigner.sign(data, with: key) == signature)
        }
    }

    @Test func swiftSignatureVerifiesWithOpenSSL() throws {
        let key = Fixtures.swiftKey
        let data = try SecureRandom.bytes(1000)
        let signature = try RSASigner.sign(data, with: key)
        #expect(signature.count == 384)
        try withTempDir { dir in
            try writeFile(Array(try key.publicKey.pemRepresentation().utf8), "pub.pem", in: dir)
            try writeFile(data, "data", in: dir)
            try writeFile(signature, "sig", in: dir)
            let result = try CLI.run(["dgst", "-sha256", "-verify", "pub.pem", "-signature", "sig", "data"], in: dir)
            #expect(result.text.contains("Verified OK"))
            try writeFile(data + [1], "data2", in: dir)
            let bad = try CLI.run(["dgst", "-sha256", "-verify", "pub.pem", "-signature", "sig", "data2"], in: dir)
            #expect(bad.status != 0)
        }
    }

    @Test func malformedSignaturesAreFalse() throws {
        let key = Fixtures.swiftKey
        let data = Array("hello".utf8)
        let signature = try RSASigner.sign(data, with: key)
        #expect(RSASigner.verify(signature: signature, data: data, key: key.publicKey))
        #expect(!RSASigner.verify(signature: [], data: data, key: key.publicKey))
        #expect(!RSASigner.verify(signature: Array(signature.dropLast()), data: data, key: key.publicKey))
        #expect(!RSASigner.verify(signature: signature + [0], data: data, key: key.publicKey))
        #expect(!RSASigner.verify(signature: [0] + signature.dropLast(), data: data, key: key.publicKey))
        #expect(OpenSSLErrorQueue.drain() == "no details in the OpenSSL error queue")
        #expect(RSASigner.verify(signature: try RSASigner.sign([], with: key), data: [], key: key.publicKey))
    }

    @Test func concurrentUseOfOneKey() async throws {
        let key = Fixtures.swiftKey
        try await withThrowingTaskGroup(of: Bool.self) { group in
            for index in 0..<16 {
                group.addTask {
                    let data = Array("message \(index)".utf8)
                    let signature = try RSASigner.sign(data, with: key)
                    return RSASigner.verify(signature: signature, data: data, key: key.publicKey)
                }
            }
            for try await ok in group { #expect(ok) }
        }
    }
}
