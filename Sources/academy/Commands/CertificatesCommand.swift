import Academy
import ArgumentParser
import Foundation
import Signing

/// `academy certificates verify FILE.jwt [--key PEM | --jwks FILE]`: an offline check; `verify FILE.pdf`: the signed
/// PDF, and online whether it is revoked (`PDFVerification`).
struct CertificatesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "certificates", abstract: "Work with certificates.", subcommands: [Verify.self, PDFs.self])

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check a certificate (.pdf or .jwt); exit 0 if valid, 1 if not.",
            discussion: """
                A .pdf: its digital signature, that the signed byte range is the whole file but the signature, the \
                signer's certificate (with --cert, the issuer's certificate saved from /keys/{kid}.crt; else this \
                installation's keys, else the issuer's site the credential names), and — online — whether the \
                certificate was revoked. Exit 2: the signature is sound but the site could not be reached to check \
                the rest (--offline: do not try). \
                A .jwt: with --key, the issuer's public key in PEM; with --jwks, a saved copy of \
                /.well-known/jwks.json; with neither, the keys in this installation's database. Revocation cannot \
                be seen offline: the verify page and /status/revocations.json show it.
                """)

        @OptionGroup var common: CommonOptions
        @Argument(help: "The certificate file (.pdf or .jwt).")
        var file: String
        @Option(help: "The issuer's public key (PEM).")
        var key: String?
        @Option(help: "A JSON Web Key Set file (jwks.json).")
        var jwks: String?
        @Option(help: "For a .pdf: the issuer's certificate (PEM, saved from /keys/{kid}.crt).")
        var cert: String?
        @Flag(help: "For a .pdf: do not contact the issuer's site.")
        var offline = false

        func run() async throws {
            if let data = FileManager.default.contents(atPath: file), data.starts(with: Array("%PDF-".utf8)) {
                guard data.count <= PDFSignatureReader.maximumBytes else {
                    throw ValidationError("\(file): larger than \(PDFSignatureReader.maximumBytes / 1_048_576) MB")
                }
                var keys: KeyStore?
                var database: AppDatabase?
                if cert == nil, let config = try? common.load(),
                    FileManager.default.fileExists(atPath: config.databasePath)
                {
                    database = try? AppDatabase.open(path: config.databasePath, durability: config.durability)
                    keys = database.map {
                        KeyStore(database: $0, dataDirectory: config.dataDirectory, issuerName: config.issuerName)
                    }
                }
                let status = await PDFVerification(
                    file: file, bytes: [UInt8](data), trustedCertificate: cert, localKeys: keys, offline: offline
                ).run()
                try? database?.close()
                if status != 0 { throw ExitCode(status) }
                return
            }
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
                let found = try await KeyStore(
                    database: database, dataDirectory: config.dataDirectory, issuerName: config.issuerName
                )
                .publicKey(kid: KeyStore.shortKid(headerKid))
            else { fail("the key '\(headerKid)' is not one of this installation's keys") }
            return found
        }
    }

    /// `academy certificates pdfs [--all] [--jobs N]`: makes the signed PDFs that are missing (after restoring the
    /// database alone, or for certificates issued before PDFs existed), or every one again (`--all`: after
    /// importing an organisation certificate, so every PDF carries it). Reports how many per second.
    struct PDFs: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "pdfs",
            abstract: "Make the certificates' signed PDFs that are missing (--all: every one again).")
        @OptionGroup var common: CommonOptions
        @Flag(help: "Make every certificate's PDF again, signed with the active key.")
        var all = false
        @Option(help: "PDFs made at once (default: one per processor core).")
        var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

        func run() async throws {
            guard (1...64).contains(jobs) else { throw ValidationError("--jobs must be from 1 to 64") }
            let config = try common.load()
            let logger = LogSetup.bootstrap(level: "warning", format: config.logFormat)
            let services = try await makeServices(config: config, logger: logger)
            defer { try? services.database.close() }
            let pdfs = services.pdfs
            let certificates = try await pdfs.certificates()
            let todo = all ? certificates : certificates.filter { !pdfs.exists($0.code) }
            let start = ContinuousClock.now
            var bytes = 0
            var failed = 0
            try await withThrowingTaskGroup(of: Int?.self) { group in
                var next = 0
                func add() {
                    guard next < todo.count else { return }
                    let certificate = todo[next]
                    next += 1
                    group.addTask {
                        do {
                            return try await pdfs.make(certificate).count
                        } catch {
                            logger.error("\(certificate.code): \(error)")
                            return nil
                        }
                    }
                }
                for _ in 0..<jobs { add() }
                while let made = try await group.next() {
                    if let made { bytes += made } else { failed += 1 }
                    add()
                }
            }
            let elapsed = ContinuousClock.now - start
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            let made = todo.count - failed
            print(
                "made and signed \(made) PDF(s) of \(certificates.count) certificate(s) in "
                    + String(
                        format: "%.2f s (%.1f a second, %d at once)", seconds, Double(made) / max(seconds, 1e-9), jobs))
            if made > 0 { print("average size: \(bytes / made / 1024) KB") }
            if failed > 0 { throw ExitCode(1) }
        }
    }
}
