import Foundation
import Hummingbird

extension PublicCertificateController {
    /// The form where HR pastes or uploads a `.jwt`.
    @Sendable func verifyForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        pages.page("verify", title: pages.text("verify_form_title", context), data: [:], request: request, context: context)
    }

    /// The plain verdict on a pasted or uploaded credential.
    @Sendable func verifyUpload(_ request: Request, context: AppRequestContext) async throws -> Response {
        try limit(context)
        var request = request
        let body = Array(buffer: try await request.collectBody(upTo: context.bodyLimit))
        var token = ""
        if let type = request.headers[.contentType], type.hasPrefix("multipart/form-data"),
            let form = MultipartForm(contentType: type, body: body)
        {
            token = form.file("file").map { String(decoding: $0.body, as: UTF8.self) } ?? ""
            if token.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { token = form.field("jwt") ?? "" }
        } else {
            token = try FormBody.decode(PastedCredential.self, from: String(decoding: body, as: UTF8.self)).jwt ?? ""
        }
        let verdict = await verifier.verify(token)
        var data: [String: Any] = [
            "verdict": pages.text("verdict_\(verdict.status)", context),
            "isValid": verdict.status == "valid",
            "signature": pages.text(verdict.signatureValid ? "verdict_signature_ok" : "verdict_signature_bad", context),
            "kid": verdict.kid ?? "—",
        ]
        if let problem = verdict.problem { data["problem"] = pages.text("verdict_problem_\(problem)", context) }
        if let certificate = verdict.certificate {
            data.merge(CertificateView.facts(certificate, pages: pages, context: context, config: config)) { $1 }
        }
        if let payload = verdict.payload,
            let claims = (try? JSONSerialization.jsonObject(with: Data(payload))) as? [String: Any]
        {
            data["claims"] = CertificateView.claimsInWords(claims, pages: pages, context: context)
        }
        return pages.page(
            "verify", title: pages.text("verify_form_title", context), data: data, request: request, context: context,
            status: .ok)
    }
}
