import HTTPTypes
import Hummingbird
import Signing

/// Refuses state-changing requests that did not come from our own pages (double-submit token).
///
/// Each browser gets a random `csrf` cookie; every form carries the same value in a hidden `_csrf` field, and
/// scripts send it as `X-CSRF-Token`. Another site can make a browser send the cookie but cannot read it, so
/// it cannot fill in the field. Bearer-token API clients are exempt: browsers never add that header by themselves.
struct CSRFMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    static let cookieName = "csrf"
    static let fieldName = "_csrf"
    static let headerName = HTTPField.Name("X-CSRF-Token")!
    let secureCookies: Bool

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        var context = context
        var request = request
        // An API client with a bearer token has no cookies to protect and needs no token.
        if context.viaBearer { return try await next(request, context) }
        if let cookie = request.cookieValue(Self.cookieName), cookie.count == 43 {
            context.csrfToken = cookie
        } else {
            context.csrfToken = try SecureRandom.token()
            context.issueCSRFCookie = true
        }
        if Self.needsCheck(request, context: context) {
            let sent = try await Self.submittedToken(&request, context: context)
            guard !context.issueCSRFCookie, let sent,
                ConstantTime.equals(Array(sent.utf8), Array(context.csrfToken.utf8))
            else { throw AppError(.forbidden, "csrf") }
        }
        var response = try await next(request, context)
        if context.issueCSRFCookie {
            response.setCookie(
                .init(name: Self.cookieName, value: context.csrfToken, path: "/", secure: secureCookies,
                      httpOnly: true, sameSite: .lax))
        }
        return response
    }

    static func needsCheck(_ request: Request, context: Context) -> Bool {
        guard ![.get, .head, .options].contains(request.method), !context.viaBearer else { return false }
        // JSON API calls without a signed-in cookie carry no ambient authority (sign-in, public verify).
        if request.uri.path.hasPrefix("/api/") && context.user == nil { return false }
        return true
    }

    /// The token from the header, or the `_csrf` field of a urlencoded or multipart form.
    static func submittedToken(_ request: inout Request, context: Context) async throws -> String? {
        if let header = request.headers[headerName] { return header }
        let type = request.headers[.contentType] ?? ""
        if type.hasPrefix("multipart/form-data") {
            let body = try await request.collectBody(upTo: context.maxUploadSize)
            return MultipartForm(contentType: type, body: Array(buffer: body))?.field(fieldName)
        }
        guard type.hasPrefix("application/x-www-form-urlencoded") else { return nil }
        let body = try await request.collectBody(upTo: context.maxUploadSize)
        return FormData(String(buffer: body))[fieldName]
    }
}
