import Foundation
import Hummingbird
import Logging
import NIOCore
import NIOHTTP1

/// Turns every error into what the client understands: the JSON error shape under `/api/`, a page elsewhere.
///
/// Unexpected errors are logged with the request id and shown as a plain 500 without internal details.
struct ErrorMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let pages: PageRenderer

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        do {
            return try await next(request, context)
        } catch {
            let appError = Self.classify(error, request: request, context: context)
            if appError == Self.clientGone {
                // Nobody is left to answer: not a server error, and no page to render. The request log shows
                // nginx's 499 ("client closed request"); the answer goes nowhere.
                return Response(status: appError.status)
            }
            if appError.status == .internalServerError {
                context.logger.error("unexpected error: \(String(reflecting: error))")
            }
            return respond(appError, request: request, context: context)
        }
    }

    static func classify(_ error: any Error, request: Request, context: Context) -> AppError {
        if let convertible = error as? any AppErrorConvertible { return convertible.appError }
        if let httpError = error as? HTTPError {
            switch httpError.status {
            case .notFound: return .notFound
            case .methodNotAllowed: return AppError(.methodNotAllowed, "method_not_allowed", request.method.rawValue)
            case .contentTooLarge:
                return AppError(.contentTooLarge, "payload_too_large", String(context.bodyLimit / 1024))
            case .unauthorized: return .unauthorized
            case .forbidden: return .forbidden
            case let status where status.code < 500: return AppError(status, "bad_request")
            default: return AppError(.internalServerError, "internal")
            }
        }
        if error is DecodingError { return AppError(.badRequest, "bad_request") }
        // `collectBody(upTo:)` met more than the route's limit (a body sent without a declared length).
        if error is NIOTooManyBytesError {
            return AppError(.contentTooLarge, "payload_too_large", String(context.bodyLimit / 1024))
        }
        if Self.isClientGone(error) { return clientGone }
        return AppError(.internalServerError, "internal")
    }

    /// What stands for "the client went away mid-request": nginx's 499, never seen by anyone.
    static let clientGone = AppError(.init(code: 499, reasonPhrase: "Client Closed Request"), "client_gone")

    /// A request body that ended early because the client closed the connection or aborted the upload.
    static func isClientGone(_ error: any Error) -> Bool {
        if let parserError = error as? HTTPParserError { return parserError == .invalidEOFState }
        if let channelError = error as? ChannelError {
            switch channelError {
            case .ioOnClosedChannel, .alreadyClosed, .eof, .outputClosed, .inputClosed: return true
            default: return false
            }
        }
        return error is CancellationError
    }

    /// A page's script that asked for JSON (the lesson editor's background upload and autosave, issue 16) gets the
    /// JSON error shape, so it can show the message in place; a browser navigating asks for HTML first.
    static func wantsJSON(_ request: Request) -> Bool {
        guard let accept = request.headers[.accept]?.lowercased() else { return false }
        return accept.hasPrefix("application/json")
    }

    func respond(_ error: AppError, request: Request, context: Context) -> Response {
        let message = pages.strings.text("error.\(error.code)", context.language, error.arguments)
        if request.uri.path.hasPrefix("/api/") || Self.wantsJSON(request) {
            return JSONError.response(status: error.status, code: error.code, message: message)
        }
        // A page that needs a signed-in person: go to the sign-in form and come back afterwards.
        if error.status == .unauthorized && request.method == .get {
            let next = request.uri.path + (request.uri.query.map { "?" + $0 } ?? "")
            let encoded =
                next.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed.subtracting(["&", "=", "?", "+"]))
                ?? "/"
            return .redirect(to: SitePath.login + "?next=" + encoded, type: .found)
        }
        let key = "error_title_\(error.status.code)"
        let heading = pages.strings.has(key) ? pages.text(key, context) : pages.text("error_title_other", context)
        return pages.render(
            ErrorPage(title: heading, message: message), request: request, context: context, status: error.status)
    }
}

/// The API's error body: `{"error": {"code": …, "message": …}}`.
enum JSONError {
    struct Body: Encodable {
        struct Detail: Encodable {
            let code: String
            let message: String
        }
        let error: Detail
    }

    static func response(status: HTTPResponse.Status, code: String, message: String) -> Response {
        let data = (try? AppJSON.api.encode(Body(error: .init(code: code, message: message)))) ?? Data()
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        headers[.cacheControl] = "no-store"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
