import CCmark
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Renders a lesson's GitHub-flavoured Markdown to safe HTML with cmark-gfm.
///
/// Raw HTML (block and inline) is left out, links and images to `javascript:`, `vbscript:`, `file:` and `data:`
/// addresses (other than `data:` images cmark-gfm deems safe) are emptied, and image paths under `media/` are
/// rewritten to `mediaBase`. Addresses that climb out with `..` or start with `/` (other than full http(s)
/// addresses) are emptied too. Safe to call from many threads at once.
public struct MarkdownRenderer: Sendable {
    public init() {}

    /// Renders `markdown` to an HTML fragment. `mediaBase` replaces the `media/` prefix of relative image paths,
    /// e.g. "/courses/abc/media/" turns `media/so-do.png` into `/courses/abc/media/so-do.png`.
    public func render(_ markdown: String, mediaBase: String) -> String {
        CmarkSetup.ensureRegistered()
        // cmark-gfm 0.29.0.gfm.6 toggles process-wide tables of special characters on every parse
        // (`cmark_manage_extensions_special_characters`), so concurrent parses race; one at a time.
        return CmarkSetup.lock.withLock {
            Self.renderUnlocked(markdown, mediaBase: mediaBase)
        }
    }

    /// cmark options: no CMARK_OPT_UNSAFE (raw HTML omitted, dangerous URLs dropped), no CMARK_OPT_SMART.
    static let options: Int32 = CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8

    static let extensionNames = ["table", "strikethrough", "autolink", "tasklist"]

    private static func renderUnlocked(_ markdown: String, mediaBase: String) -> String {
        guard let parser = cmark_parser_new(options) else { return "" }
        defer { cmark_parser_free(parser) }
        for name in extensionNames {
            if let ext = cmark_find_syntax_extension(name) {
                cmark_parser_attach_syntax_extension(parser, ext)
            }
        }
        var text = markdown
        text.withUTF8 { bytes in
            guard let base = bytes.baseAddress, bytes.count > 0 else { return }
            UnsafeRawPointer(base).withMemoryRebound(to: CChar.self, capacity: bytes.count) { chars in
                cmark_parser_feed(parser, chars, bytes.count)
            }
        }
        guard let document = cmark_parser_finish(parser) else { return "" }
        defer { cmark_node_free(document) }
        rewriteURLs(in: document, mediaBase: mediaBase)
        guard let html = cmark_render_html(document, options, cmark_parser_get_syntax_extensions(parser)) else {
            return ""
        }
        defer { free(html) }
        return String(cString: html)
    }

    /// Rewrites the URL of every link and image in the tree (see `safeURL`).
    private static func rewriteURLs(in document: OpaquePointer, mediaBase: String) {
        guard let iterator = cmark_iter_new(document) else { return }
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(node)
            guard type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE else { continue }
            let url = cmark_node_get_url(node).map { String(cString: $0) } ?? ""
            let safe = safeURL(url, isImage: type == CMARK_NODE_IMAGE, mediaBase: mediaBase)
            if safe != url {
                cmark_node_set_url(node, safe)
            }
        }
    }

    /// The URL to render for a link or image: `media/…` images are moved under `mediaBase`; full http(s)
    /// addresses and other schemes cmark-gfm judges are kept; `..` segments, root-relative paths and script or
    /// file addresses become "".
    static func safeURL(_ url: String, isImage: Bool, mediaBase: String) -> String {
        let lower = url.lowercased()
        if lower.hasPrefix("http://") || lower.hasPrefix("https://") { return url }
        if isDangerous(lower, isImage: isImage) { return "" }
        if hasScheme(lower) { return url }
        if url.hasPrefix("/") || url.hasPrefix("\\") { return "" }
        if climbsOut(url) { return "" }
        if isImage {
            var path = Substring(url)
            while path.hasPrefix("./") { path = path.dropFirst(2) }
            if path.hasPrefix("media/") { return mediaBase + path.dropFirst("media/".count) }
        }
        return url
    }

    /// Whether the URL, once a browser has dropped spaces and control characters, uses a scheme that can run
    /// script or read local files. (cmark-gfm checks this too; this is a second line of defence.)
    private static func isDangerous(_ lower: String, isImage: Bool) -> Bool {
        let squeezed = String(lower.unicodeScalars.filter { $0.value > 0x20 && $0.value != 0x7F })
        for scheme in ["javascript:", "vbscript:", "file:"] where squeezed.hasPrefix(scheme) { return true }
        if squeezed.hasPrefix("data:") {
            let safeImages = ["data:image/png", "data:image/gif", "data:image/jpeg", "data:image/webp"]
            return !(isImage && safeImages.contains { squeezed.hasPrefix($0) })
        }
        return false
    }

    /// Whether the URL starts with a scheme such as `mailto:` (RFC 3986: a letter, then letters, digits, + . -).
    private static func hasScheme(_ url: String) -> Bool {
        guard let colon = url.firstIndex(of: ":") else { return false }
        let scheme = url[..<colon].unicodeScalars
        guard let first = scheme.first, isASCIILetter(first) else { return false }
        return scheme.allSatisfy { isASCIILetter($0) || ("0"..."9").contains($0) || "+-.".unicodeScalars.contains($0) }
    }

    private static func isASCIILetter(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
    }

    /// Whether a path segment is `..` (also written `%2e%2e`, `.%2e`, …, which browsers treat the same).
    private static func climbsOut(_ url: String) -> Bool {
        let path = url.prefix { $0 != "?" && $0 != "#" }.lowercased()
        return path.split(whereSeparator: { $0 == "/" || $0 == "\\" }).contains { segment in
            segment.replacingOccurrences(of: "%2e", with: ".") == ".."
        }
    }
}

/// One-time cmark-gfm set-up shared by every renderer.
enum CmarkSetup {
    /// Registers the GFM extensions exactly once (a Swift static is initialised once, thread-safely).
    private static let registered: Bool = {
        cmark_gfm_core_extensions_ensure_registered()
        return true
    }()

    static let lock = NSLock()

    static func ensureRegistered() {
        _ = registered
    }
}
