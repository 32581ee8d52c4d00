import HTTPTypes
import Hummingbird

/// Answers `405 Method Not Allowed` with an `Allow` header when the path is routed but not for the request's method
/// (`TRACE /api/v1/me`, `PATCH /api/v1/courses`), instead of the 404 that says the address does not exist.
///
/// Added to the router after every route: Hummingbird gives a middleware to the routes added after it and to the
/// responder for requests that no route takes, so this one sees only those (issue 13, point 20).
struct MethodNotAllowedMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    /// Every routed path with the methods it answers.
    let routes: [(path: RouterPath, methods: Set<HTTPRequest.Method>)]
    let errors: ErrorMiddleware

    init(routes: [Router<AppRequestContext>.RouteDescription], pages: PageRenderer) {
        var byPath: [String: (path: RouterPath, methods: Set<HTTPRequest.Method>)] = [:]
        for route in routes {
            byPath[route.path.description, default: (route.path, [])].methods.insert(route.method)
        }
        // The router answers HEAD wherever it answers GET (`autoGenerateHeadEndpoints`).
        self.routes = byPath.values.map { path, methods in
            (path, methods.contains(.get) ? methods.union([.head]) : methods)
        }
        errors = ErrorMiddleware(pages: pages)
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        let allowed = allowedMethods(request.uri.path)
        guard !allowed.isEmpty, !allowed.contains(request.method) else { return try await next(request, context) }
        let error = AppError(.methodNotAllowed, "method_not_allowed", request.method.rawValue)
        var response = errors.respond(error, request: request, context: context)
        response.headers[.allow] = allowed.map(\.rawValue).sorted().joined(separator: ", ")
        return response
    }

    /// The methods of every route whose path matches; empty for a path no route has.
    func allowedMethods(_ path: String) -> Set<HTTPRequest.Method> {
        let segments = path.split(separator: "/", omittingEmptySubsequences: true)
        var allowed: Set<HTTPRequest.Method> = []
        for route in routes where Self.matches(route.path, segments) { allowed.formUnion(route.methods) }
        return allowed
    }

    /// Whether the path's segments fit the route's pattern, segment by segment as the router's trie reads them.
    static func matches(_ pattern: RouterPath, _ segments: [Substring]) -> Bool {
        var index = 0
        for element in pattern.components {
            if element == .recursiveWildcard { return true }
            guard index < segments.count, element ~= segments[index] else { return false }
            index += 1
        }
        return index == segments.count
    }
}
