import Foundation
import Hummingbird

/// Admin pages for people: find, change a role, reset a password, deactivate.
struct AdminUsersController {
    let directory: UserDirectory
    let accounts: AccountStore
    let sessions: SessionStore
    let pages: PageRenderer
    let notes: OneTimeNotes
    let audit: AuditLog

    var endpoints: RouteCollection<AppRequestContext> {
        let routes = RouteCollection(context: AppRequestContext.self)
        routes.add(middleware: RequireRole(.admin))
        routes.get(RouterPath(SitePath.adminUsers), use: list)
        routes.get("/admin/users/:id", use: show)
        routes.post("/admin/users/:id/role", use: changeRole)
        routes.post("/admin/users/:id/password", use: resetPassword)
        routes.post("/admin/users/:id/active", use: changeActive)
        return routes
    }

    /// Search by name or username, diacritics optional.
    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let query = try FormBody.query(SearchQuery.self, from: request).q ?? ""
        let found = query.isEmpty ? [] : try await directory.search(query)
        let page = UsersPage(query: query, found: found, strings: pages.strings, language: context.language)
        return pages.render(page, request: request, context: context)
    }

    /// The person the address names, with their id: the one the route's `{id}` found, so no change below can fall
    /// back on a made-up id.
    func target(_ context: AppRequestContext) async throws -> (id: Int64, user: User) {
        guard let id = context.parameters.get("id", as: Int64.self), let user = try await accounts.user(id: id) else {
            throw AppError.notFound
        }
        return (id, user)
    }

    /// One person with the forms to change them.
    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (_, user) = try await target(context)
        let me = try context.requireSignedIn()
        let query = try FormBody.query(ShowQuery.self, from: request)
        let password = query.note.flatMap { notes.take($0, owner: me.id) }
        let message = query.done.flatMap { done in
            [
                "role": "users_role_changed", "password": "users_password_reset", "deactivated": "users_deactivated",
                "reactivated": "users_reactivated",
            ][done].map { pages.text($0, context) }
        }
        return page(user, request, context, message: message, password: password)
    }

    /// Back to the person's page after a change, so a reload cannot repeat it.
    func done(_ id: Int64, _ what: String, note: String? = nil) -> Response {
        var address = SitePath.adminUser(id) + "?done=" + what
        if let note { address += "&note=" + note }
        return .redirect(to: address, type: .normal)
    }

    func page(_ user: User, _ request: Request, _ context: AppRequestContext, message: String?, password: String?)
        -> Response
    {
        let page = UserPage(
            user, viewerID: context.user?.id, message: message, password: password, strings: pages.strings,
            language: context.language)
        var response = pages.render(page, request: request, context: context)
        // A one-time password shown once must not stay in any cache.
        if password != nil { response.headers[.cacheControl] = "no-store" }
        return response
    }

    /// Changes the role; the person signs in again with the new rights.
    @Sendable func changeRole(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (id, user) = try await target(context)
        let me = try context.requireSignedIn()
        let form = try await FormBody.decode(RoleForm.self, from: request, context: context)
        guard let role = form.role.flatMap(Role.init(rawValue:)) else { throw AppError(.badRequest, "bad_request") }
        guard id != me.id else { throw AppError(.badRequest, "own_account") }
        try await directory.setRole(userID: id, to: role, sessions: sessions)
        context.logger.notice("role of user \(id) changed to \(role.rawValue) by user \(me.id)")
        try await audit.record(
            .roleChanged, target: AuditLog.describe(user), detail: "\(user.role.rawValue) → \(role.rawValue)",
            context: context)
        return done(id, "role")
    }

    /// A new one-time password, shown once on this page.
    @Sendable func resetPassword(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (id, user) = try await target(context)
        let me = try context.requireSignedIn()
        guard try await FormBody.decode(ConfirmForm.self, from: request, context: context).confirmed else {
            throw AppError(.badRequest, "confirm_required")
        }
        let password = try await directory.resetPassword(userID: id, sessions: sessions)
        context.logger.notice("password of user \(id) reset by user \(me.id)")
        try await audit.record(.passwordReset, target: AuditLog.describe(user), context: context)
        return done(id, "password", note: try notes.put(password, owner: me.id))
    }

    /// Deactivates (or reactivates) the account.
    @Sendable func changeActive(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (id, user) = try await target(context)
        let form = try await FormBody.decode(ActiveForm.self, from: request, context: context)
        let active = form.active == "1"
        guard active || form.confirm != nil else { throw AppError(.badRequest, "confirm_required") }
        guard id != context.user?.id else { throw AppError(.badRequest, "own_account") }
        try await directory.setActive(userID: id, active, sessions: sessions)
        try await audit.record(
            active ? .userReactivated : .userDeactivated, target: AuditLog.describe(user), context: context)
        return done(id, active ? "reactivated" : "deactivated")
    }
}
