import Foundation
import Hummingbird

/// `POST/DELETE /api/v1/session`, `GET /api/v1/me` and `PUT /api/v1/me/password`.
struct SessionAPIController {
    let web: SessionController

    /// The sign-in body.
    struct Credentials: JSONReadable {
        let username: String
        let password: String

        init(json: JSONObject) throws(JSONMismatch) {
            username = try json.string("username")
            password = try json.string("password")
        }
    }

    /// A user as the API shows them.
    struct UserInfo: ResponseEncodable, Codable {
        let id: Int64
        let username: String
        let fullName: String
        let role: String
        /// The commune-level unit; the imported district is history and no longer answered (issue 15).
        let commune: String
        let position: String
        /// True while a generated (or reset) password must be replaced: until then every other route answers
        /// `403 password_change_required`; `PUT /api/v1/me/password` replaces it.
        let mustChangePassword: Bool

        init(_ user: User) {
            id = user.id ?? 0
            username = user.username
            fullName = user.fullName
            role = user.role.rawValue
            commune = user.commune
            position = user.position
            mustChangePassword = user.mustChangePassword
        }
    }

    /// The answer to a successful sign-in.
    struct SignedIn: ResponseEncodable {
        let token: String
        let user: UserInfo
    }

    /// The body of a password change.
    struct NewPassword: JSONReadable {
        let current: String
        let new: String

        init(json: JSONObject) throws(JSONMismatch) {
            current = try json.string("current")
            new = try json.string("new")
        }
    }

    var endpoints: RouteCollection<AppRequestContext> {
        let routes = RouteCollection(context: AppRequestContext.self)
        routes.post("/session", use: create)
        routes.group().add(middleware: RequireRole.signedIn)
            .delete("/session", use: delete)
            .get("/me", use: me)
            .put("/me/password", use: changePassword)
        return routes
    }

    /// Signs in: `{token, user}` and the session cookie; 401 on bad credentials; 429 when throttled.
    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let credentials = try await JSONBody.decode(Credentials.self, from: request, context: context)
        switch try await web.signIn(
            username: credentials.username, password: credentials.password, context: context, kind: "bearer")
        {
        case .refused(let error): throw error
        case .signedIn(let user, let token):
            var response = try SignedIn(token: token, user: UserInfo(user)).response(from: request, context: context)
            response.setCookie(web.sessionCookie(token))
            return response
        }
    }

    /// Signs out the calling session.
    @Sendable func delete(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await web.sessions.end(sessionID: context.sessionID)
        var response = Response(status: .noContent)
        response.setCookie(
            Cookie(
                name: AuthMiddleware.cookieName, value: "", maxAge: 0, path: "/", secure: web.config.secureCookies,
                httpOnly: true, sameSite: .lax))
        return response
    }

    /// The signed-in user.
    @Sendable func me(_ request: Request, context: AppRequestContext) async throws -> UserInfo {
        UserInfo(try context.requireSignedIn().user)
    }

    /// Replaces the caller's password: 204, and every other session of the person ends. The calling session
    /// stays signed in (and is no longer held by `password_change_required`), as a client that just proved the
    /// password has no reason to sign in again; the web form instead starts a fresh session for the browser.
    @Sendable func changePassword(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try context.requireSignedIn().user
        let body = try await JSONBody.decode(NewPassword.self, from: request, context: context)
        let change = web.passwordChange
        switch try await change.check(user, current: body.current, new: body.new, address: context.remoteAddress) {
        case .throttled(let minutes)?: throw AppError(.tooManyRequests, "throttled", String(minutes))
        // 403, not 401: the session is valid, and a client must not take this for being signed out.
        case .wrongCurrent?: throw AppError(.forbidden, "password_wrong_current")
        case .tooShort?: throw AppError(.unprocessableContent, "password_too_short", String(Passwords.minimumLength))
        case .same?: throw AppError(.unprocessableContent, "password_same")
        case nil: break
        }
        try await change.apply(user, new: body.new, keeping: context.sessionID)
        return Response(status: .noContent)
    }
}
