import Academy
import ArgumentParser
import Foundation
import Signing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// `academy certificates verify FILE.pdf`: the PDF's signature, its byte range, the signer's certificate, the
/// attached credential and — online, from the issuer's site the credential names — whether it is revoked.
///
/// Exit status: 0 valid; 1 not valid (not signed, changed after signing, signer not the issuer's, revoked);
/// 2 sound but not fully checked (the issuer's site could not be reached and no local copy of its keys was given).
struct PDFVerification {
    let file: String
    let bytes: [UInt8]
    /// `--cert`: the issuer's certificate saved from /keys/{kid}.crt, for an offline check.
    let trustedCertificate: String?
    /// The local installation's keys, when there is a database.
    let localKeys: KeyStore?
    let offline: Bool

    func run() async -> Int32 {
        let check = PDFSignatureReader.check(bytes)
        guard check.signed else {
            say("✗ \(file): \(check.problem == "not_a_pdf" ? "not a PDF" : "the PDF has no digital signature")")
            return 1
        }
        say(
            "signature:    \(check.intact ? "intact (the signed bytes are unchanged)" : "NOT intact — the file was changed after signing")"
        )
        say(
            "byte range:   \(check.coversWholeFile ? "covers the whole file except the signature" : "does NOT cover the whole file: something was added after signing")"
        )
        say("format:       \(check.subFilter ?? "?")\(check.subFilter == "ETSI.CAdES.detached" ? " (PAdES)" : "")")
        if let signer = check.signer {
            say("signed by:    \(signer.subject)")
            say("issued by:    \(signer.issuer)")
            say("certificate:  sha256:\(signer.fingerprintSHA256)")
        }
        if let time = check.signingTime { say("signed at:    \(time)") }
        guard check.isSound, let signer = check.signer else {
            say("✗ NOT VALID: \(check.problem ?? "the signature does not hold")")
            return 1
        }
        guard let jwt = check.jwt, let decoded = try? JWS.decode(jwt),
            let claims = CredentialClaims.read(decoded.payloadJSON)
        else {
            say("✗ NOT VALID: the PDF carries no certificate credential (.jwt)")
            return 1
        }
        say("holder:       \(claims.holderName ?? "?")")
        say("course:       \(claims.courseName ?? "?")")
        say("code:         \(claims.code)")
        var complete = true

        // Who signed: the issuer's certificate, from --cert, this installation's keys, or the issuer's site.
        var trusted: Bool?
        if let trustedCertificate {
            let given =
                (try? String(contentsOfFile: trustedCertificate, encoding: .utf8))
                .flatMap { try? X509Certificate.chain(pem: $0) } ?? []
            guard !given.isEmpty else {
                say("✗ \(trustedCertificate): not a PEM certificate")
                return 1
            }
            trusted =
                given.contains { $0.fingerprintSHA256 == signer.fingerprintSHA256 }
                || given.contains { signer.isSigned(by: $0) }
        } else if let localKeys, let kid = try? await localKeys.kid(certificateFingerprint: signer.fingerprintSHA256) {
            say("issuer's key: \(kid) (this installation)")
            trusted = true
        } else if !offline, let kidURL = JWS.headerKid(jwt), kidURL.hasPrefix("http") {
            switch await fetch(kidURL + ".crt") {
            case .success(let pem):
                let published = (try? X509Certificate.chain(pem: String(decoding: pem, as: UTF8.self))) ?? []
                trusted = published.first?.fingerprintSHA256 == signer.fingerprintSHA256
                if trusted == true { say("issuer's key: \(kidURL) (checked online)") }
            case .failure(let reason):
                say("? could not reach \(kidURL).crt to check the signer's certificate: \(reason)")
                complete = false
            }
        } else {
            say("? the signer's certificate was not checked: give --cert FILE (saved from /keys/{kid}.crt)")
            complete = false
        }
        if trusted == false {
            say("✗ NOT VALID: the PDF is not signed with the issuer's certificate")
            return 1
        }

        // Revoked? Only the issuer knows, online.
        if offline {
            say("? revocation not checked (--offline): open \(claims.id ?? "the verify page")")
            complete = false
        } else if let id = claims.id, let url = URL(string: id), let host = url.host {
            let base = "\(url.scheme ?? "https")://\(host)\(url.port.map { ":\($0)" } ?? "")"
            switch await fetch(base + "/api/v1/certificates/" + claims.code) {
            case .success(let data):
                let status =
                    (try? JSONSerialization.jsonObject(with: Data(data)) as? [String: Any])?["status"] as? String
                if status == "revoked" {
                    say("✗ REVOKED: the issuer revoked this certificate (see \(id))")
                    return 1
                } else if status == "valid" {
                    say("revocation:   not revoked (checked online at \(base))")
                } else {
                    say("? the issuer does not know this certificate's code")
                    return 1
                }
            case .failure(let reason):
                say("? could not check whether it is revoked — \(base) is not reachable: \(reason)")
                complete = false
            }
        }
        say(complete ? "✓ VALID" : "✓ the signature is sound, but not everything could be checked (see ? above)")
        return complete ? 0 : 2
    }

    func say(_ line: String) { print(line) }

    enum Fetched {
        case success([UInt8])
        case failure(String)
    }

    func fetch(_ address: String) async -> Fetched {
        guard let url = URL(string: address) else { return .failure("bad address") }
        var request = URLRequest(url: url, timeoutInterval: 10)
        request.setValue("application/json", forHTTPHeaderField: "Accept")
        do {
            let (data, response) = try await URLSession.shared.data(for: request)
            guard let http = response as? HTTPURLResponse else { return .failure("no HTTP answer") }
            if http.statusCode == 404 { return .success([]) }
            guard http.statusCode == 200 else { return .failure("HTTP \(http.statusCode)") }
            return .success([UInt8](data))
        } catch {
            return .failure(error.localizedDescription)
        }
    }
}
