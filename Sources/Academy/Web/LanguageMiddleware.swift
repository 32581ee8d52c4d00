import Hummingbird

/// Chooses the page language for each request and remembers a `?lang=` choice in a cookie for a year.
struct LanguageMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        var context = context
        let (language, fromQuery) = Language.negotiate(for: request)
        context.language = language
        var response = try await next(request, context)
        if fromQuery {
            response.setCookie(
                .init(
                    name: Language.cookieName, value: language.rawValue, maxAge: 365 * 24 * 3600, path: "/",
                    httpOnly: true, sameSite: .lax))
        }
        return response
    }
}
