import HTTPTypes
import Hummingbird
import Signing

/// Refuses state-changing requests that did not come from our own pages.
///
/// Each browser gets a random `csrf` cookie (a nonce); every form carries the token made from it and the browser's
/// session (`CSRFTokens`) in a hidden `_csrf` field, and scripts send it as `X-CSRF-Token`. Another site can make a
/// browser send the cookie but can read neither it nor the page, and cannot compute the token without the server's
/// secret. The nonce is renewed whenever the session changes (sign-in, sign-out, new password). Bearer-token API
/// clients are exempt: browsers never add that header by themselves.
struct CSRFMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    static let cookieName = "csrf"
    static let fieldName = "_csrf"
    // A constant, valid field name: the initialiser fails only for an invalid token.
    // swift-format-ignore: NeverForceUnwrap
    static let headerName = HTTPField.Name("X-CSRF-Token")!
    let tokens: CSRFTokens
    let secureCookies: Bool

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        var context = context
        var request = request
        // An API client with a bearer token has no cookies to protect and needs no token.
        if context.viaBearer { return try await next(request, context) }
        var nonce = request.cookieValue(Self.cookieName) ?? ""
        let hadNonce = nonce.utf8.count == 43
        if !hadNonce { nonce = try SecureRandom.token() }
        context.csrfToken = tokens.token(nonce: nonce, sessionID: context.sessionID)
        context.issueCSRFCookie = !hadNonce
        if Self.needsCheck(request, context: context) {
            // Without the cookie no token can match: refuse before reading a byte of the body.
            guard hadNonce, let sent = try await Self.submittedToken(&request, context: context),
                tokens.isValid(sent, nonce: nonce, sessionID: context.sessionID)
            else { throw AppError(.forbidden, "csrf") }
        }
        var response = try await next(request, context)
        if context.issueCSRFCookie || Self.changesSession(response) {
            let fresh = context.issueCSRFCookie ? nonce : try SecureRandom.token()
            response.setCookie(
                .init(
                    name: Self.cookieName, value: fresh, path: "/", secure: secureCookies, httpOnly: true,
                    sameSite: .lax))
        }
        return response
    }

    static func needsCheck(_ request: Request, context: Context) -> Bool {
        // TRACE changes nothing either; no route takes it, and it should hear 405, not a CSRF refusal.
        guard ![.get, .head, .options, .trace].contains(request.method), !context.viaBearer else { return false }
        // JSON API calls without a signed-in cookie carry no ambient authority (sign-in, public verify).
        if request.uri.path.hasPrefix("/api/") && context.user == nil { return false }
        return true
    }

    /// Whether the response starts or ends a session (it sets the session cookie).
    static func changesSession(_ response: Response) -> Bool {
        response.headers[values: .setCookie].contains { $0.hasPrefix(AuthMiddleware.cookieName + "=") }
    }

    /// The token from the header, or the `_csrf` field of a urlencoded or multipart form.
    static func submittedToken(_ request: inout Request, context: Context) async throws -> String? {
        if let header = request.headers[headerName] { return header }
        let type = request.headers[.contentType] ?? ""
        if type.hasPrefix("multipart/form-data") {
            let body = try await request.collectBody(upTo: context.bodyLimit)
            return MultipartForm(contentType: type, body: Array(buffer: body))?.field(fieldName)
        }
        guard type.hasPrefix("application/x-www-form-urlencoded") else { return nil }
        let body = try await request.collectBody(upTo: context.bodyLimit)
        return FormData(utf8: Array(buffer: body))[fieldName]
    }
}
