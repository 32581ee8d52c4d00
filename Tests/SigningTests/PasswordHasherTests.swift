import Foundation
import Testing

@testable import Signing

@Suite struct PasswordHasherTests {
    let fast = PasswordHasher(logN: 10)

    @Test func rightAndWrongPassword() throws {
        let stored = try fast.hash("correct horse battery staple")
        #expect(stored.hasPrefix("$scrypt$ln=10,r=8,p=1$"))
        let fields = stored.split(separator: "$", omittingEmptySubsequences: false)
        #expect(fields.count == 5)
        #expect(fields[3].count == 22)  // 16-byte salt, no padding
        #expect(fields[4].count == 43)  // 32-byte key, no padding
        #expect(!fields[3].contains("=") && !fields[4].contains("="))
        #expect(fast.verify("correct horse battery staple", against: stored))
        #expect(!fast.verify("correct horse battery stapl", against: stored))
        #expect(!fast.verify("", against: stored))
        #expect(try fast.hash("same") != fast.hash("same"))
    }

    @Test func defaultParameters() throws {
        let hasher = PasswordHasher()
        let stored = try hasher.hash("mật khẩu")
        #expect(stored.hasPrefix("$scrypt$ln=15,r=8,p=1$"))
        #expect(hasher.verify("mật khẩu", against: stored))
        #expect(!hasher.needsRehash(stored))
    }

    @Test func nfcAndNfdVerifyEqual() throws {
        let composed = "Nguy\u{1EC5}n"
        let decomposed = "Nguye\u{0302}\u{0303}n"
        #expect(Array(composed.utf8) != Array(decomposed.utf8))
        #expect(fast.verify(decomposed, against: try fast.hash(composed)))
        #expect(fast.verify(composed, against: try fast.hash(decomposed)))
        #expect(!fast.verify("Nguyen", against: try fast.hash(composed)))
    }

    @Test func matchesOpenSSLKdfCommand() throws {
        let stored = try fast.hash("Nguye\u{0302}\u{0303}n")
        let fields = stored.split(separator: "$", omittingEmptySubsequences: false)
        let salt = try #require(Data(base64Encoded: String(fields[3]) + "=="))
        let key = try #require(Data(base64Encoded: String(fields[4]) + "="))
        try withTempDir { dir in
            let result = try CLI.openssl(
                [
                    "kdf", "-keylen", "32", "-kdfopt", "hexpass:" + Digest.hexForTests(Array("Nguy\u{1EC5}n".utf8)),
                    "-kdfopt", "hexsalt:" + Digest.hexForTests(Array(salt)),
                    "-kdfopt", "n:1024", "-kdfopt", "r:8", "-kdfopt", "p:1", "SCRYPT",
                ], in: dir)
            let cli = result.text.trimmingCharacters(in: .whitespacesAndNewlines)
                .replacingOccurrences(of: ":", with: "").lowercased()
            #expect(cli == Digest.hexForTests(Array(key)))
        }
    }

    @Test func rfc7914KnownAnswer() throws {
        let key = try ScryptHash.derive(
            password: Array("password".utf8), salt: Array("NaCl".utf8), logN: 10, r: 8, p: 16, length: 64)
        #expect(
            Digest.hexForTests(key) == "fdbabe1c9d3472007856e7190d01e9fe7c6ad7cbc8237830e77376634b373162"
                + "2eaf30d92e22a3886ff109279d9830dac727afb94a83ee6d8360cbdfa2cc0640")
    }

    @Test func parametersComeFromStoredString() throws {
        let old = try fast.hash("secret")
        let stronger = PasswordHasher()
        #expect(stronger.verify("secret", against: old))
        #expect(!stronger.verify("Secret", against: old))
        let odd = try PasswordHasher(logN: 9, r: 4, p: 2).hash("secret")
        #expect(odd.hasPrefix("$scrypt$ln=9,r=4,p=2$"))
        #expect(stronger.verify("secret", against: odd))
    }

    @Test func needsRehash() throws {
        let weak = try fast.hash("pw")
        #expect(PasswordHasher().needsRehash(weak))
        #expect(!fast.needsRehash(weak))
        #expect(PasswordHasher(logN: 10, r: 16).needsRehash(weak))
        #expect(PasswordHasher(logN: 10, p: 2).needsRehash(weak))
        #expect(!PasswordHasher(logN: 9).needsRehash(weak))
        #expect(fast.needsRehash("garbage"))
        #expect(fast.needsRehash(""))
    }

    @Test func malformedStoredStringsReturnFalse() throws {
        let good = try fast.hash("pw")
        let parts = good.split(separator: "$", omittingEmptySubsequences: false).map(String.init)
        let salt = parts[3]
        let key = parts[4]
        var flippedKey = Array(key)
        flippedKey[5] = flippedKey[5] == "A" ? "B" : "A"
        let malformed = [
            "", "$", "$scrypt$", "scrypt", "$scrypt$ln=10,r=8,p=1$$",
            "$scrypt$ln=10,r=8,p=1$\(salt)$", "$scrypt$ln=10,r=8,p=1$$\(key)",
            "$scrypt$ln=10,r=8,p=1$\(salt)$\(key)$", "scrypt$ln=10,r=8,p=1$\(salt)$\(key)",
            "$bcrypt$ln=10,r=8,p=1$\(salt)$\(key)", "$scrypt$ln=10,r=8$\(salt)$\(key)",
            "$scrypt$r=8,ln=10,p=1$\(salt)$\(key)", "$scrypt$ln=10,r=8,p=1,x=1$\(salt)$\(key)",
            "$scrypt$ln=0,r=8,p=1$\(salt)$\(key)", "$scrypt$ln=99,r=8,p=1$\(salt)$\(key)",
            "$scrypt$ln=-1,r=8,p=1$\(salt)$\(key)", "$scrypt$ln=+10,r=8,p=1$\(salt)$\(key)",
            "$scrypt$ln=10,r=0,p=1$\(salt)$\(key)", "$scrypt$ln=10,r=8,p=0$\(salt)$\(key)",
            "$scrypt$ln=10,r=8,p=999$\(salt)$\(key)", "$scrypt$ln=22,r=32,p=1$\(salt)$\(key)",
            "$scrypt$ln=99999999999999999999,r=8,p=1$\(salt)$\(key)",
            "$scrypt$ln=10,r=8,p=1$\(salt)==$\(key)", "$scrypt$ln=10,r=8,p=1$\(salt)$\(key)=",
            "$scrypt$ln=10,r=8,p=1$\(salt)$\(key.dropLast(10))", "$scrypt$ln=10,r=8,p=1$!!!!$\(key)",
            "$scrypt$ln=10,r=8,p=1$\(salt)$\(String(flippedKey))", " \(good)", "\(good)\n",
            "$scrypt$ln=１０,r=8,p=1$\(salt)$\(key)",
        ]
        for stored in malformed {
            #expect(!fast.verify("pw", against: stored), "accepted \(stored)")
            #expect(fast.needsRehash(stored) || stored.hasSuffix(String(flippedKey)))
        }
        #expect(fast.verify("pw", against: good))
    }

    @Test func invalidHasherParametersThrow() {
        #expect(errorKind { _ = try PasswordHasher(logN: 0).hash("x") } == "invalidArgument")
        #expect(errorKind { _ = try PasswordHasher(logN: 40).hash("x") } == "invalidArgument")
        #expect(errorKind { _ = try PasswordHasher(r: 0).hash("x") } == "invalidArgument")
        #expect(errorKind { _ = try PasswordHasher(p: -1).hash("x") } == "invalidArgument")
    }
}

extension Digest {
    /// Lower-case hex, for test comparisons.
    static func hexForTests(_ bytes: [UInt8]) -> String {
        Hex.encode(bytes)
    }
}
