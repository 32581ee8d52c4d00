import Hummingbird

/// Finds who is calling: a `session` cookie from a browser, or `Authorization: Bearer` from an API client.
struct AuthMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    static let cookieName = "session"
    let sessions: SessionStore

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        var context = context
        if let header = request.headers[.authorization], header.lowercased().hasPrefix("bearer ") {
            let token = String(header.dropFirst("bearer ".count)).trimmingCharacters(in: .whitespaces)
            // A wrong bearer token is an error, not an anonymous request: the client meant to sign in.
            guard let (session, user) = try await sessions.resolve(token: token) else { throw AppError.unauthorized }
            context.signedIn = SignedIn(id: session.userId, user: user)
            context.sessionID = session.id
            context.viaBearer = true
        } else if let token = request.cookieValue(Self.cookieName),
            let (session, user) = try await sessions.resolve(token: token)
        {
            context.signedIn = SignedIn(id: session.userId, user: user)
            context.sessionID = session.id
        }
        if let user = context.user, user.mustChangePassword, !Self.allowedBeforePasswordChange(request) {
            // A generated first password (or a reset one) must be replaced before anything else.
            if request.method == .get && !request.uri.path.hasPrefix("/api/") {
                return .redirect(to: SitePath.password, type: .found)
            }
            throw AppError(.forbidden, "password_change_required")
        }
        return try await next(request, context)
    }

    static func allowedBeforePasswordChange(_ request: Request) -> Bool {
        let path = request.uri.path
        return path == SitePath.password || path == SitePath.logout || path == SitePath.API.base + "/me"
            || path == SitePath.API.base + "/session" || path == SitePath.API.base + "/me/password"
    }
}

extension AppRequestContext {
    /// The signed-in person; 401 when nobody is. Who may use a route is checked by `RequireRole` on its group.
    public func requireSignedIn() throws -> SignedIn {
        guard let signedIn else { throw AppError.unauthorized }
        return signedIn
    }
}
