import CBrotli
import CSystemZlib
import Foundation
import HTTPTypes
import Hummingbird

/// Compresses pages and JSON on their way out (issue 18): on a 400 kbit/s link a 20 KB lesson page takes 0.4 s
/// as it is and a fifth of that compressed.
///
/// Brotli when the browser offers it (browsers do over HTTPS, i.e. behind the proxy), else gzip. Only bodies of a
/// known length between 1 KB and 8 MB are compressed: below, the headers cost more than the saving; above, it is a
/// download (an export) better sent as it is. Static files arrive already compressed (`StaticFiles`) and are left
/// alone, as is anything that says it is compressed, a partial answer, or an answer without a body.
struct CompressionMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    static let minimumLength = 1024
    static let maximumLength = 8 << 20
    /// Bodies larger than this are compressed on the blocking pool, not on the event loop.
    static let inlineLength = 64 << 10

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        var response = try await next(request, context)
        guard let type = response.headers[.contentType], Self.isCompressible(type) else { return response }
        Self.addVary(&response.headers)
        guard request.method != .head, response.status == .ok || response.status.code >= 400,
            response.headers[.contentEncoding] == nil, response.headers[.contentRange] == nil,
            let length = response.body.contentLength, length >= Self.minimumLength, length <= Self.maximumLength,
            let encoding = ContentCoding.preferred(request.headers[.acceptEncoding])
        else { return response }
        let collector = BodyCollector()
        try await response.body.write(collector)
        let plain = collector.buffer
        let compressed: [UInt8]? =
            plain.readableBytes > Self.inlineLength
            ? try await Blocking.run { encoding.compress(plain) } : encoding.compress(plain)
        guard let compressed, compressed.count < plain.readableBytes else {
            response.body = .init(byteBuffer: plain)
            return response
        }
        response.headers[.contentEncoding] = encoding.rawValue
        response.headers[.contentLength] = String(compressed.count)
        response.body = .init(byteBuffer: ByteBuffer(bytes: compressed))
        return response
    }

    static func isCompressible(_ contentType: String) -> Bool {
        let type = contentType.prefix { $0 != ";" }.trimmingCharacters(in: .whitespaces).lowercased()
        return type.hasPrefix("text/") && type != "text/event-stream" || type == "application/json"
            || type.hasSuffix("+json") || type == "image/svg+xml" || type == "application/javascript"
            || type == "application/xml"
    }

    /// Caches keep the compressed and the plain answer apart.
    static func addVary(_ headers: inout HTTPFields) {
        if let vary = headers[.vary] {
            if !vary.lowercased().contains("accept-encoding") { headers[.vary] = vary + ", Accept-Encoding" }
        } else {
            headers[.vary] = "Accept-Encoding"
        }
    }
}

/// A content coding the server can send.
enum ContentCoding: String, Sendable {
    case brotli = "br"
    case gzip

    /// Brotli if the `Accept-Encoding` header offers it, else gzip if it does, else nil (send it as it is).
    static func preferred(_ header: String?) -> ContentCoding? {
        guard let header else { return nil }
        var offered: Set<String> = []
        for part in header.split(separator: ",") {
            let pieces = part.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            guard let name = pieces.first, !name.isEmpty else { continue }
            // `gzip;q=0` (or q=0.0) refuses it.
            let refused = pieces.dropFirst().contains { $0.hasPrefix("q=") && Double($0.dropFirst(2)) == 0 }
            if !refused { offered.insert(name) }
        }
        if offered.contains("br") { return .brotli }
        if offered.contains("gzip") || offered.contains("*") { return .gzip }
        return nil
    }

    /// Settings for pages made per request, chosen on a 23 KB lesson page (BENCHMARKS.md): brotli quality 5,
    /// gzip level 5 — within a few hundred bytes of their best, at a fraction of a millisecond.
    func compress(_ buffer: ByteBuffer) -> [UInt8]? {
        buffer.withUnsafeReadableBytes { bytes in
            switch self {
            case .brotli: Brotli.compress(bytes, quality: 5)
            case .gzip: Gzip.compress(bytes, level: 5)
            }
        }
    }
}

/// Brotli through the system libbrotlienc.
enum Brotli {
    static func compress(_ input: UnsafeRawBufferPointer, quality: Int32) -> [UInt8]? {
        guard let base = input.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return nil }
        var size = BrotliEncoderMaxCompressedSize(input.count)
        guard size > 0 else { return nil }
        var output = [UInt8](repeating: 0, count: size)
        let ok = output.withUnsafeMutableBufferPointer { out in
            BrotliEncoderCompress(
                quality, BROTLI_DEFAULT_WINDOW, BROTLI_MODE_TEXT, input.count, base, &size, out.baseAddress)
        }
        guard ok == BROTLI_TRUE else { return nil }
        output.removeSubrange(size...)
        return output
    }
}

/// Gathers a response body into one buffer (pages are made whole in memory anyway).
final class BodyCollector: ResponseBodyWriter {
    var buffer = ByteBuffer()

    func write(_ buffer: ByteBuffer) async throws {
        var buffer = buffer
        self.buffer.writeBuffer(&buffer)
    }

    func finish(_ trailingHeaders: HTTPFields?) async throws {}
}
