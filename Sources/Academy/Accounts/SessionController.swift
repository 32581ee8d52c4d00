import Foundation
import Hummingbird

/// Signing in and out, in the browser (`/login`, `/logout`) and through the API (`/api/v1/session`).
struct SessionController {
    let accounts: AccountStore
    let sessions: SessionStore
    let throttle: SignInThrottle
    let pages: PageRenderer
    let config: AppConfig
    let audit: AuditLog

    var endpoints: RouteCollection<AppRequestContext> {
        let routes = RouteCollection(context: AppRequestContext.self)
        routes.get(RouterPath(SitePath.login), use: loginPage)
        routes.post(RouterPath(SitePath.login), use: login)
        routes.post(RouterPath(SitePath.logout), use: logout)
        routes.group().add(middleware: RequireRole.signedIn)
            .get(RouterPath(SitePath.password), use: passwordPage)
            .post(RouterPath(SitePath.password), use: changePassword)
        return routes
    }

    /// The sign-in form.
    @Sendable func loginPage(_ request: Request, context: AppRequestContext) async throws -> Response {
        if context.user != nil { return .redirect(to: SitePath.home, type: .found) }
        let next = Self.safeNext(request.uri.queryParameters.get("next"))
        return loginForm(request, context, next: next, username: "", error: nil, status: .ok)
    }

    func loginForm(
        _ request: Request, _ context: AppRequestContext, next: String, username: String, error: String?,
        status: HTTPResponse.Status
    ) -> Response {
        let page = LoginPage(
            next: next, username: username, error: error, strings: pages.strings, language: context.language)
        return pages.render(page, request: request, context: context, status: status)
    }

    /// Checks the password (throttled), starts a session and sends the person on.
    @Sendable func login(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form = try await FormBody.decode(LoginForm.self, from: request, context: context)
        let username = form.username ?? ""
        let next = Self.safeNext(form.next)
        switch try await signIn(username: username, password: form.password ?? "", context: context) {
        case .refused(let error):
            let message = pages.strings.text("error.\(error.code)", context.language, error.arguments)
            return loginForm(request, context, next: next, username: username, error: message, status: error.status)
        case .signedIn(let user, let token):
            var response = Response.redirect(
                to: user.mustChangePassword ? SitePath.password : next, type: .normal)
            response.setCookie(sessionCookie(token))
            return response
        }
    }

    enum Outcome {
        case signedIn(User, String)
        case refused(AppError)
    }

    /// The shared sign-in logic of the form and the API.
    func signIn(username: String, password: String, context: AppRequestContext, kind: String = "cookie")
        async throws -> Outcome
    {
        // Counted before the slow hash, so guesses sent all at once cannot all be tried (issue 13, point 6).
        let attempt: SignInThrottle.Attempt
        switch throttle.begin(username: username, address: context.remoteAddress) {
        case .failure(let wait): return .refused(AppError(.tooManyRequests, "throttled", String(wait.minutes)))
        case .success(let started): attempt = started
        }
        guard !username.isEmpty, let user = try await accounts.authenticate(username: username, password: password),
            let id = user.id
        else {
            context.logger.notice("sign-in failed for a username from \(context.remoteAddress ?? "unknown")")
            let throttled = throttle.retryAfter(username: username, address: context.remoteAddress) != nil
            try await audit.signInFailed(username: username, throttled: throttled, context: context)
            return .refused(AppError(.unauthorized, "bad_credentials"))
        }
        throttle.succeeded(attempt)
        let token = try await sessions.create(userID: id, kind: kind)
        return .signedIn(user, token)
    }

    func sessionCookie(_ token: String) -> Cookie {
        Cookie(
            name: AuthMiddleware.cookieName, value: token, maxAge: config.sessionAbsoluteHours * 3600, path: "/",
            secure: config.secureCookies, httpOnly: true, sameSite: .lax)
    }

    /// Ends the browser's session.
    @Sendable func logout(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await sessions.end(sessionID: context.sessionID)
        var response = Response.redirect(to: SitePath.home, type: .normal)
        response.setCookie(
            Cookie(
                name: AuthMiddleware.cookieName, value: "", maxAge: 0, path: "/", secure: config.secureCookies,
                httpOnly: true, sameSite: .lax))
        return response
    }

    /// The form to choose a new password (required after a generated first password).
    @Sendable func passwordPage(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try context.requireSignedIn().user
        let page = PasswordPage(mustChange: user.mustChangePassword, strings: pages.strings, language: context.language)
        return pages.render(page, request: request, context: context)
    }

    /// Changes the password, ends every session of the person, and signs this browser in again.
    @Sendable func changePassword(_ request: Request, context: AppRequestContext) async throws -> Response {
        let me = try context.requireSignedIn()
        let user = me.user
        let form = try await FormBody.decode(PasswordForm.self, from: request, context: context)
        let current = form.current ?? ""
        let new = form.new ?? ""
        var error: String?
        var status = HTTPResponse.Status.badRequest
        switch try await passwordChange.check(user, current: current, new: new, address: context.remoteAddress) {
        case .throttled(let minutes)?:
            error = pages.text("password_throttled", context, String(minutes))
            status = .tooManyRequests
        case .wrongCurrent?: error = pages.text("password_wrong_current", context)
        case .tooShort?: error = pages.text("password_too_short", context, String(Passwords.minimumLength))
        case .same?: error = pages.text("password_same", context)
        case nil:
            if new != (form.repeat ?? "") { error = pages.text("password_mismatch", context) }
        }
        if let error {
            let page = PasswordPage(
                mustChange: user.mustChangePassword, error: error, strings: pages.strings, language: context.language)
            return pages.render(page, request: request, context: context, status: status)
        }
        try await passwordChange.apply(user, new: new)
        let token = try await sessions.create(userID: me.id, kind: "cookie")
        var response = Response.redirect(to: SitePath.home + "?changed=1", type: .normal)
        response.setCookie(sessionCookie(token))
        return response
    }

    /// Changing one's password, throttled with sign-in.
    var passwordChange: PasswordChange { PasswordChange(accounts: accounts, sessions: sessions, throttle: throttle) }

    /// Only our own paths may be a `next` target, so the sign-in page cannot send people to another site.
    static func safeNext(_ next: String?) -> String {
        next.flatMap(NextPath.sameOrigin) ?? SitePath.home
    }
}
