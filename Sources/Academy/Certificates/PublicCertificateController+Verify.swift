import Foundation
import Hummingbird

extension PublicCertificateController {
    /// The form where HR pastes or uploads a `.jwt`.
    @Sendable func verifyForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        pages.render(VerifyPage(title: pages.text("verify_form_title", context)), request: request, context: context)
    }

    /// The plain verdict on a pasted or uploaded credential.
    @Sendable func verifyUpload(_ request: Request, context: AppRequestContext) async throws -> Response {
        try limit(context)
        var request = request
        let body = Array(buffer: try await request.collectBody(upTo: context.bodyLimit))
        var token = ""
        var pdf: [UInt8]?
        if let type = request.headers[.contentType], type.hasPrefix("multipart/form-data"),
            let form = MultipartForm(contentType: type, body: body)
        {
            if let file = form.file("file"), file.body.starts(with: Array("%PDF-".utf8)) {
                pdf = Array(file.body)
            } else {
                token = form.file("file").map { String(decoding: $0.body, as: UTF8.self) } ?? ""
            }
            if pdf == nil, token.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                token = form.field("jwt") ?? ""
            }
        } else {
            token = try FormBody.decode(PastedCredential.self, from: String(decoding: body, as: UTF8.self)).jwt ?? ""
        }
        let verdict: CertificateVerifier.Verdict
        if let pdf {
            verdict = await verifier.verifyPDF(pdf)
        } else {
            verdict = await verifier.verify(token)
        }
        let showReason = verdict.certificate.map { CertificateView.mayReadReason($0, context.user) } ?? false
        let page = VerifyPage(
            title: pages.text("verify_form_title", context),
            verdict: .init(verdict, showReason: showReason, strings: pages.strings, language: context.language))
        return pages.render(page, request: request, context: context)
    }
}
