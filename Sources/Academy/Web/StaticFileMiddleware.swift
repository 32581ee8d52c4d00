import HTTPTypes
import Hummingbird

/// Serves `Public/` from memory, and refuses any path that tries to climb out of a folder.
struct StaticFileMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let files: StaticFiles

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        let path = request.uri.path
        guard PathSafety.isSafe(path) else { throw AppError(.badRequest, "bad_path") }
        guard request.method == .get || request.method == .head, let entry = files.entry(path) else {
            return try await next(request, context)
        }
        var headers = HTTPFields()
        headers[.contentType] = entry.contentType
        headers[.eTag] = entry.etag
        headers[.lastModified] = entry.lastModified
        headers[.vary] = "Accept-Encoding"
        let versioned = request.uri.queryParameters.get("v").map { "\"\($0)\"" == entry.etag } ?? false
        if path == StaticFiles.serviceWorker {
            // Browsers look for a new worker on each visit; it must never be taken from a cache.
            headers[.cacheControl] = "no-cache"
            headers[Self.serviceWorkerAllowed] = "/"
        } else {
            headers[.cacheControl] = versioned ? "public, max-age=31536000, immutable" : "public, max-age=300"
        }
        if let match = request.headers[.ifNoneMatch],
            match.split(separator: ",").contains(where: {
                $0.trimmingCharacters(in: .whitespaces) == entry.etag
            })
        {
            return Response(status: .notModified, headers: headers)
        }
        var body = entry.body
        switch ContentCoding.preferred(request.headers[.acceptEncoding]) {
        case .brotli where entry.brotli != nil:
            headers[.contentEncoding] = "br"
            body = entry.brotli ?? body
        case .brotli, .gzip:
            if let gzipped = entry.gzipped {
                headers[.contentEncoding] = "gzip"
                body = gzipped
            }
        case nil: break
        }
        headers[.contentLength] = String(body.readableBytes)
        if request.method == .head { return Response(status: .ok, headers: headers) }
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: body))
    }

    // A constant, valid field name: the initialiser fails only for an invalid token.
    // swift-format-ignore: NeverForceUnwrap
    static let serviceWorkerAllowed = HTTPField.Name("Service-Worker-Allowed")!
}

/// Checks a raw request path before anything routes or serves it.
enum PathSafety {
    /// False for `..` segments in any encoding (plain, `%2e`, double-encoded `%252e`), encoded slashes and
    /// backslashes, and NUL bytes: no legitimate page address contains them.
    static func isSafe(_ rawPath: String) -> Bool {
        // The common case, checked without allocating: no percent sign, backslash or NUL means nothing is encoded,
        // so only `.` and `..` segments remain to look for, and a path without a dot has none.
        if !rawPath.utf8.contains(where: { $0 == UInt8(ascii: "%") || $0 == UInt8(ascii: "\\") || $0 == 0 }) {
            guard rawPath.utf8.contains(UInt8(ascii: ".")) else { return true }
            return !rawPath.split(separator: "/", omittingEmptySubsequences: false).contains { $0 == ".." || $0 == "." }
        }
        var current = rawPath
        // Decode repeatedly so that double- and triple-encoded forms are judged by what they finally mean.
        for _ in 0..<3 {
            if current.contains("\\") || current.contains("\0") { return false }
            let segments = current.split(separator: "/", omittingEmptySubsequences: false)
            if segments.contains(where: { $0 == ".." || $0 == "." }) { return false }
            let lowered = current.lowercased()
            if lowered.contains("%2f") || lowered.contains("%5c") || lowered.contains("%00") { return false }
            guard let decoded = current.removingPercentEncoding, decoded != current else { break }
            current = decoded
        }
        return true
    }
}
