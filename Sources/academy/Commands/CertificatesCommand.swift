import Academy
import ArgumentParser
import Foundation
import Signing

/// `academy certificates verify FILE.jwt [--key PEM | --jwks FILE]`: an offline check.
struct CertificatesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "certificates", abstract: "Work with certificates.", subcommands: [Verify.self])

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check a certificate's signature offline; exit 0 if valid, 1 if not.",
            discussion: """
                With --key, the issuer's public key in PEM; with --jwks, a saved copy of /.well-known/jwks.json; \
                with neither, the keys in this installation's database. Revocation cannot be seen offline: \
                the verify page and /status/revocations.json show it.
                """)

        @OptionGroup var common: CommonOptions
        @Argument(help: "The certificate file (.jwt).")
        var file: String
        @Option(help: "The issuer's public key (PEM).")
        var key: String?
        @Option(help: "A JSON Web Key Set file (jwks.json).")
        var jwks: String?

        func run() async throws {
            guard let token = try? String(contentsOfFile: file, encoding: .utf8) else {
                throw ValidationError("\(file): cannot read the file")
            }
            let jwt = token.trimmingCharacters(in: .whitespacesAndNewlines)
            guard let headerKid = JWS.headerKid(jwt) else { fail("\(file): not a certificate in JWT form") }
            let publicKey = try await resolveKey(headerKid)
            do {
                let (_, payload) = try JWS.verify(jwt, key: publicKey)
                let claims = CredentialClaims.read(payload)
                print("signature valid (key \(KeyStore.shortKid(headerKid)))")
                print("holder:  \(claims?.holderName ?? "?")")
                print("course:  \(claims?.courseName ?? "?")")
                print("issued:  \(claims?.validFrom ?? "?")")
                print("id:      \(claims?.id ?? "?")")
                print("revocation is not checked offline: see the id address above or /status/revocations.json")
            } catch {
                fail("signature NOT valid: \(error)")
            }
        }

        func fail(_ message: String) -> Never {
            FileHandle.standardError.write(Data((message + "\n").utf8))
            Foundation.exit(1)
        }

        func resolveKey(_ headerKid: String) async throws -> RSAPublicKey {
            if let key {
                guard let pem = try? String(contentsOfFile: key, encoding: .utf8),
                    let parsed = try? RSAPublicKey(pem: pem)
                else { throw ValidationError("\(key): not a PEM public key") }
                return parsed
            }
            if let jwks {
                guard let data = FileManager.default.contents(atPath: jwks),
                    let set = try? JSONDecoder().decode(JWKSet.self, from: data)
                else { throw ValidationError("\(jwks): not a JSON Web Key Set") }
                let short = KeyStore.shortKid(headerKid)
                guard let jwk = set.keys.first(where: { $0.kid == headerKid || KeyStore.shortKid($0.kid) == short }),
                    let parsed = try? jwk.publicKey()
                else { fail("no key '\(headerKid)' in \(jwks)") }
                return parsed
            }
            let config = try common.load()
            guard FileManager.default.fileExists(atPath: config.databasePath) else {
                throw ValidationError("no --key or --jwks given and no database at \(config.databasePath)")
            }
            let database = try AppDatabase.open(path: config.databasePath, durability: config.durability)
            defer { try? database.close() }
            guard
                let found = try await KeyStore(database: database, dataDirectory: config.dataDirectory)
                    .publicKey(kid: KeyStore.shortKid(headerKid))
            else { fail("the key '\(headerKid)' is not one of this installation's keys") }
            return found
        }
    }
}
