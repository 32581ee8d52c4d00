import Hummingbird

/// Lets a route group's requests through only for these roles (admins always pass): declared once where the
/// routes are registered, instead of as the first line of every handler.
///
/// Nobody signed in is a 401 (`ErrorMiddleware` sends a page's GET to the sign-in form), the wrong role a 403.
struct RequireRole: RouterMiddleware {
    typealias Context = AppRequestContext
    let roles: Set<Role>

    init(_ roles: Role...) { self.roles = Set(roles) }

    init(roles: Set<Role>) { self.roles = roles }

    /// Anyone signed in, whatever the role.
    static let signedIn = RequireRole(roles: Set(Role.allCases))

    /// Whether a person of `role` may pass.
    func allows(_ role: Role) -> Bool { role == .admin || roles.contains(role) }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        guard let me = context.signedIn else { throw AppError.unauthorized }
        guard allows(me.role) else { throw AppError.forbidden }
        return try await next(request, context)
    }
}
