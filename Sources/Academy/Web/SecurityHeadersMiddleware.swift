import HTTPTypes
import Hummingbird

/// Headers that tell browsers to treat every answer strictly (issue 13).
///
/// Pages load scripts, styles, images and fonts only from this site, run no inline script, and cannot be framed
/// (clickjacking); no answer is sniffed as another type; other sites are not told which page a link was on.
/// Inline `style` attributes stay allowed (the progress bars' widths); nothing user-written reaches one unescaped.
struct SecurityHeadersMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    static let contentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
        + "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
    // A constant, valid field name: the initialiser fails only for an invalid token.
    // swift-format-ignore: NeverForceUnwrap
    static let referrerPolicy = HTTPField.Name("Referrer-Policy")!

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        var response = try await next(request, context)
        Self.apply(to: &response)
        return response
    }

    static func apply(to response: inout Response) {
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[Self.referrerPolicy] = "same-origin"
        if response.headers[.contentType]?.hasPrefix("text/html") == true {
            response.headers[.contentSecurityPolicy] = contentSecurityPolicy
        }
    }
}
