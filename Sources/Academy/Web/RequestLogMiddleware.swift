import Hummingbird
import Logging
import NIOCore

/// One log line per request: method, path, status, duration. Never the query string, cookies or bodies,
/// which may carry passwords or tokens.
struct RequestLogMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        let start = ContinuousClock.now
        let path = Self.loggablePath(request.uri.path)
        do {
            let response = try await next(request, context)
            log(context, request.method.rawValue, path, response.status.code, start)
            return response
        } catch {
            let status = (error as? any HTTPResponseError)?.status.code ?? 500
            log(context, request.method.rawValue, path, status, start)
            throw error
        }
    }

    private func log(
        _ context: Context, _ method: String, _ path: String, _ status: Int, _ start: ContinuousClock.Instant
    ) {
        let elapsed = ContinuousClock.now - start
        // Tenths of a millisecond, written without Foundation's `String(format:)`.
        let tenths = elapsed.components.seconds * 10_000 + elapsed.components.attoseconds / 100_000_000_000_000
        context.logger.info("\(method) \(path) \(status) \(tenths / 10).\(tenths % 10)ms")
    }

    /// Paths are logged as sent but cut short, so a pasted token in a URL cannot flood the log.
    static func loggablePath(_ path: String) -> String {
        path.count > 200 ? String(path.prefix(200)) + "…" : path
    }
}
