import Hummingbird

/// How large a request body each kind of route may receive.
///
/// Nothing reads a body before this is decided, so a stranger can make the server hold at most a few KiB per
/// connection: only signed-in trainers and admins may send the large uploads (ZIPs, CSVs, images) their pages need.
public enum BodyLimit {
    /// The sign-in form and `POST /api/v1/session`: a username and a password.
    public static let signIn = 8 * 1024
    /// Anyone not signed in (the verify page's pasted or uploaded credential is a few KiB).
    public static let anonymous = 64 * 1024
    /// A signed-in person's forms and JSON (a quiz's answers, an enrolment list).
    public static let signedIn = 256 * 1024
    /// A trainer's lesson text, quiz form or GIFT paste.
    public static let authoring = 1024 * 1024
    /// Uploads of trainers and admins: a course ZIP, a CSV of 10,000 officials, a lesson image.
    public static let upload = 8 * 1024 * 1024
    /// `/verify`, for anyone: a certificate PDF is about 50 KB; with an organisation's CA chain a few more.
    public static let verify = 1024 * 1024

    /// The limit for a request, from its path and the signed-in person's role.
    static func limit(for request: Request, user: User?) -> Int {
        let path = request.uri.path
        if path == SitePath.login || path == SitePath.API.base + "/session" { return signIn }
        if path == SitePath.verify { return verify }
        guard let user else { return anonymous }
        guard user.role == .trainer || user.role == .admin else { return signedIn }
        if isUpload(path) { return upload }
        if path.hasPrefix(SitePath.author + "/") { return authoring }
        return signedIn
    }

    static func isUpload(_ path: String) -> Bool {
        path == SitePath.author + "/import" || path == SitePath.importUsers
            || path == SitePath.API.base + "/users/import"
            || (path.hasPrefix(SitePath.author + "/courses/") && path.hasSuffix("/media"))
    }
}

/// Sets the request's body limit and refuses a body whose declared length is over it before reading any of it.
///
/// A body sent without a length (chunked) is cut off at the limit by `collectBody(upTo:)`, which the error
/// middleware turns into the same 413.
struct BodyLimitMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        var context = context
        context.bodyLimit = BodyLimit.limit(for: request, user: context.user)
        if let declared = request.headers[.contentLength] {
            // A length that is not a number is refused too: nothing below should guess how much to read.
            guard let length = Int(declared), length >= 0 else { throw AppError(.badRequest, "bad_request") }
            guard length <= context.bodyLimit else {
                throw AppError(.contentTooLarge, "payload_too_large", String(context.bodyLimit / 1024))
            }
        }
        return try await next(request, context)
    }
}
