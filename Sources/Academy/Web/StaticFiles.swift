import CSystemZlib
import Foundation
import Hummingbird

/// The files of `Public/`, read once at start-up and served from memory.
///
/// Only files found by walking the folder (no symbolic links, no hidden files) can ever be served, so no
/// request path can reach outside it. Text files are gzipped once, ahead of time.
public struct StaticFiles: Sendable {
    /// One file ready to send.
    public struct Entry: Sendable {
        let body: ByteBuffer
        let gzipped: ByteBuffer?
        let brotli: ByteBuffer?
        let contentType: String
        /// Strong validator: a hash of the content.
        let etag: String
        let lastModified: String
    }

    let entries: [String: Entry]

    public init(directory: String) throws {
        var entries: [String: Entry] = [:]
        let root = URL(fileURLWithPath: directory).standardizedFileURL
        let manager = FileManager.default
        guard
            let walker = manager.enumerator(
                at: root,
                includingPropertiesForKeys: [.isRegularFileKey, .isSymbolicLinkKey, .contentModificationDateKey],
                options: [.skipsHiddenFiles])
        else {
            self.entries = [:]
            return
        }
        for case let url as URL in walker {
            let values = try url.resourceValues(forKeys: [
                .isRegularFileKey, .isSymbolicLinkKey, .contentModificationDateKey,
            ])
            guard values.isSymbolicLink != true, values.isRegularFile == true else { continue }
            let relative = url.standardizedFileURL.path.dropFirst(root.path.count)
            let data = try Data(contentsOf: url)
            let type = Self.contentType(for: url.pathExtension)
            let isText =
                type.hasPrefix("text/") || type.contains("javascript") || type.contains("json")
                || type.contains("svg")
            let modified = values.contentModificationDate ?? Date()
            entries[String(relative)] = Self.entry(data, type: type, compress: isText, modified: modified)
        }
        if let worker = entries[Self.serviceWorker] {
            // The service worker names the shell it stores, each file with its content tag: a changed file changes
            // the worker's own bytes, so browsers install the new worker, which stores the new shell.
            let text = String(decoding: worker.body.readableBytesView, as: UTF8.self)
            let shell = Self.shellAddresses(Self.shell.filter { entries[$0] != nil }) { path in
                entries[path].map { path + "?v=" + $0.etag.trimmingCharacters(in: CharacterSet(charactersIn: "\"")) }
                    ?? path
            }
            let version = Self.hash(Data((shell.joined(separator: "\n") + text).utf8))
            let list = shell.map { "\"\($0)\"" }.joined(separator: ", ")
            let filled = text.replacingOccurrences(of: "[\"@SHELL@\"]", with: "[\(list)]")
                .replacingOccurrences(of: "\"@VERSION@\"", with: "\"\(version)\"")
            entries[Self.serviceWorker] = Self.entry(
                Data(filled.utf8), type: worker.contentType, compress: true, modified: Date())
        }
        self.entries = entries
    }

    /// Where the service worker is served: at the root, so that it may look after every page.
    static let serviceWorker = "/sw.js"

    /// The files every page may need offline (besides pages and course images), as `Public/` names them. Authoring
    /// scripts are not among them: authoring needs the server.
    static let shell = [
        "/css/site.css", "/css/critical.css", "/js/site.js", "/js/offline.js", "/js/quiz.js", "/js/timer.js",
        "/manifest.webmanifest", "/icons/icon.svg", "/icons/icon-192.png",
    ]

    /// The shell's addresses as pages ask for them (and the service worker stores them): the stylesheet and scripts
    /// with their content tags, the manifest and icons as the page's head names them.
    public var shellPaths: [String] {
        Self.shellAddresses(Self.shell.filter { entries[$0] != nil }, versioned: versionedPath)
    }

    static func shellAddresses(_ paths: [String], versioned: (String) -> String) -> [String] {
        paths.map { $0.hasPrefix("/css/") || $0.hasPrefix("/js/") ? versioned($0) : $0 }
    }

    /// A file's bytes as text (the inlined first-paint CSS), or nil when there is no such file.
    public func text(_ path: String) -> String? {
        entries[path].map { String(decoding: $0.body.readableBytesView, as: UTF8.self) }
    }

    /// A file's size in bytes.
    public func size(_ path: String) -> Int? { entries[path]?.body.readableBytes }

    private static func entry(_ data: Data, type: String, compress: Bool, modified: Date) -> Entry {
        let compress = compress && data.count > 256
        return Entry(
            body: ByteBuffer(bytes: data),
            gzipped: compress ? Gzip.compress(data).map { ByteBuffer(bytes: $0) } : nil,
            brotli: compress
                ? data.withUnsafeBytes { Brotli.compress($0, quality: 11) }.map { ByteBuffer(bytes: $0) } : nil,
            contentType: type,
            etag: "\"\(Self.hash(data))\"",
            lastModified: Self.httpDate(modified))
    }

    /// `/css/site.css?v=…`: the address with a content tag, so the file may be cached for a year.
    public func versionedPath(_ path: String) -> String {
        guard let etag = entries[path]?.etag else { return path }
        return path + "?v=" + etag.trimmingCharacters(in: CharacterSet(charactersIn: "\""))
    }

    func entry(_ path: String) -> Entry? { entries[path] }

    static func contentType(for ext: String) -> String {
        switch ext.lowercased() {
        case "css": "text/css; charset=utf-8"
        case "js": "text/javascript; charset=utf-8"
        case "html", "htm": "text/html; charset=utf-8"
        case "txt", "md": "text/plain; charset=utf-8"
        case "json": "application/json"
        case "webmanifest": "application/manifest+json"
        case "svg": "image/svg+xml"
        case "png": "image/png"
        case "jpg", "jpeg": "image/jpeg"
        case "gif": "image/gif"
        case "webp": "image/webp"
        case "ico": "image/x-icon"
        case "woff2": "font/woff2"
        case "pdf": "application/pdf"
        default: "application/octet-stream"
        }
    }

    /// FNV-1a 64-bit: enough to tell versions of a file apart (not a security boundary).
    static func hash(_ data: Data) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in data {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return String(hash, radix: 16)
    }

    /// `Mon, 21 Sep 2026 14:13:20 GMT` (HTTP's IMF-fixdate), the one format of dates in headers.
    static func httpDate(_ date: Date) -> String { date.formatted(httpDateFormat) }

    static let httpDateFormat: Date.VerbatimFormatStyle = {
        let hour = Date.FormatStyle.Symbol.VerbatimHour.twoDigits(clock: .twentyFourHour, hourCycle: .zeroBased)
        return Date.VerbatimFormatStyle(
            format: """
                \(weekday: .abbreviated), \(day: .twoDigits) \(month: .abbreviated) \(year: .padded(4)) \
                \(hour: hour):\(minute: .twoDigits):\(second: .twoDigits) GMT
                """,
            locale: Locale(identifier: "en_US_POSIX"), timeZone: TimeZone(identifier: "GMT") ?? .gmt,
            calendar: Calendar(identifier: .gregorian))
    }()
}

/// gzip through the system zlib.
enum Gzip {
    static func compress(_ data: Data, level: Int32 = 9) -> [UInt8]? {
        data.withUnsafeBytes { compress($0, level: level) }
    }

    static func compress(_ input: UnsafeRawBufferPointer, level: Int32) -> [UInt8]? {
        var stream = z_stream()
        // 15 + 16: a gzip header and trailer rather than a bare zlib stream.
        guard
            deflateInit2_(
                &stream, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY, ZLIB_VERSION,
                Int32(MemoryLayout<z_stream>.size)) == Z_OK
        else { return nil }
        defer { deflateEnd(&stream) }
        guard let base = input.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return nil }
        var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, UInt(input.count))) + 32)
        let result: Int32 = output.withUnsafeMutableBufferPointer { outBuffer in
            stream.next_in = UnsafeMutablePointer(mutating: base)
            stream.avail_in = UInt32(input.count)
            stream.next_out = outBuffer.baseAddress
            stream.avail_out = UInt32(outBuffer.count)
            return deflate(&stream, Z_FINISH)
        }
        guard result == Z_STREAM_END else { return nil }
        return Array(output.prefix(Int(stream.total_out)))
    }
}
