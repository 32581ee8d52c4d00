import Foundation
import Hummingbird
import Mustache
import Synchronization

/// Renders pages: a page template inside the shared layout, in the request's language.
///
/// Templates are loaded and checked once at start-up; a missing or broken template stops the server.
public struct PageRenderer: Sendable {
    static let requiredTemplates = ["layout", "error", "catalogue", "course", "lesson", "problems", "login", "password", "slips",
        "slips_page", "import", "import_result",
        "enroll", "progress_card", "users", "user", "quiz", "attempt",
        "result", "quiz_stats", "verify_result", "verify", "certificates",
        "certificate_print", "admin_certificates",
        "author_index", "author_course", "author_lesson", "author_quiz", "author_history", "author_diff", "diff_rows",
        "reports", "reports_print", "report_quiz", "report_table", "report_filters", "dashboard", "audit"]

    let library: MustacheLibrary
    public let strings: Strings
    /// Address of the stylesheet, with its content hash so browsers may cache it for a year.
    let stylesheet: String
    /// Rendered page parts that are the same for everyone; see `page(_:title:cachedAs:request:context:data:)`.
    let bodies = MemoTable<String>(capacity: 2_000)
    /// The layout, prepared once per variant.
    let layouts = LayoutPlans()

    public init(resourcesDirectory: String, stylesheet: String) async throws {
        let templates = (resourcesDirectory as NSString).appendingPathComponent("templates")
        self.library = try await MustacheLibrary(directory: templates)
        for name in Self.requiredTemplates where library.getTemplate(named: name) == nil {
            throw StringsError(message: "template \(name).mustache is missing from \(templates)")
        }
        self.strings = try Strings(directory: (resourcesDirectory as NSString).appendingPathComponent("strings"))
        self.stylesheet = stylesheet
    }

    /// The folder of templates and strings shipped inside the `Academy` module.
    public static var bundledResources: String {
        Bundle.module.bundleURL.appendingPathComponent("Resources").path
    }

    /// A whole HTML page.
    public func page(
        _ template: String, title: String, data: [String: Any] = [:], request: Request,
        context: AppRequestContext, status: HTTPResponse.Status = .ok
    ) -> Response {
        layout(body: body(template, data: data, context: context), title: title, request: request, context: context,
               status: status)
    }

    /// A page whose template part is the same for every reader (no names, no form tokens): rendered once per
    /// `key` and language, and kept; only the layout around it is rendered per request.
    public func page(
        _ template: String, title: String, cachedAs key: String, request: Request, context: AppRequestContext,
        data: () -> [String: Any]
    ) -> Response {
        let fullKey = template + "\u{1F}" + context.language.rawValue + "\u{1F}" + key
        let body = bodies.value(fullKey) { self.body(template, data: data(), context: context) }
        return layout(body: body, title: title, request: request, context: context, status: .ok)
    }

    private func body(_ template: String, data: [String: Any], context: AppRequestContext) -> String {
        var values = TemplateData.clean(data)
        values["t"] = strings.table(context.language)
        values["csrf"] = context.csrfToken
        return library.render(values, withTemplate: template) ?? ""
    }

    /// The page inside the layout. The layout is rendered by Mustache once per variant (language, role, error
    /// page or not) with markers where the per-request values go (see `LayoutPlans`); a request only fills them in.
    private func layout(
        body: String, title: String, request: Request, context: AppRequestContext, status: HTTPResponse.Status
    ) -> Response {
        let language = context.language
        let user = context.user
        let noindex = status.code >= 400
        let other: Language = language == .vi ? .en : .vi
        let variant = "\(language.rawValue)\u{1F}\(user?.role.rawValue ?? "-")\u{1F}\(noindex)"
        let plan = layouts.plan(variant) {
            var layout: [String: Any] = [
                "lang": language.rawValue,
                "otherLang": other.rawValue,
                "t": strings.table(language),
                "stylesheet": stylesheet,
                "noindex": noindex,
                "nav": Navigation.links(for: user, strings: strings, language: language),
            ]
            for hole in LayoutPlans.Hole.allCases where user != nil || !hole.needsUser {
                layout[hole.rawValue] = LayoutPlans.marker(hole)
            }
            return library.render(layout, withTemplate: "layout")
        }
        var values: [LayoutPlans.Hole: String] = [
            .title: title, .body: body, .csrf: context.csrfToken,
            .switchLanguageURL: Self.switchLanguageURL(path: request.uri.path, query: request.uri.query, to: other),
        ]
        if let user {
            values[.userName] = user.fullName
            values[.signedInAs] = strings.text("nav_signed_in_as", language, [user.fullName])
        }
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        headers[.cacheControl] = "no-cache"
        return Response(status: status, headers: headers, body: .init(byteBuffer: plan.fill(values)))
    }

    /// A page written to a file (login slips from the command line): the stylesheet is inlined.
    public func standalone(_ template: String, title: String, data: [String: Any], language: Language, css: String)
        -> String
    {
        var values = TemplateData.clean(data)
        values["t"] = strings.table(language)
        let body = library.render(values, withTemplate: template) ?? ""
        return """
            <!doctype html><html lang="\(language.rawValue)"><head><meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1"><title>\(title)</title>
            <style>\(css)</style></head><body><main class="wrap">\(body)</main></body></html>
            """
    }

    /// A text in the request's language.
    public func text(_ key: String, _ context: AppRequestContext, _ arguments: String...) -> String {
        strings.text(key, context.language, arguments)
    }

    /// The same page in the other language, keeping the rest of the query (a filtered report keeps its filters).
    static func switchLanguageURL(path: String, query: String?, to language: Language) -> String {
        let kept = (query ?? "").split(separator: "&").filter { $0 != "lang" && !$0.hasPrefix("lang=") }
        return path + "?" + (kept.map(String.init) + ["lang=\(language.rawValue)"]).joined(separator: "&")
    }
}

/// The layout as fixed text with holes for the values that change per request. A plan is made by rendering the
/// Mustache layout with a marker in place of each value: `U+E000 name & U+E001`. Mustache escapes the `&` of a
/// marker in an escaped `{{value}}` and leaves it in a raw `{{{value}}}`, so each hole also records whether its
/// value is to be HTML-escaped exactly as Mustache would.
final class LayoutPlans: Sendable {
    enum Hole: String, CaseIterable, Sendable {
        case title, body, csrf, switchLanguageURL, userName, signedInAs

        /// Present only for a signed-in person (the layout tests `{{#userName}}`).
        var needsUser: Bool { self == .userName || self == .signedInAs }
    }

    struct Plan: Sendable {
        enum Piece: Sendable {
            case text(String)
            case value(Hole, escaped: Bool)
        }
        let pieces: [Piece]
        let fixedBytes: Int

        func fill(_ values: [Hole: String]) -> ByteBuffer {
            var buffer = ByteBufferAllocator().buffer(capacity: fixedBytes + (values[.body]?.utf8.count ?? 0) + 512)
            for piece in pieces {
                switch piece {
                case .text(let text): buffer.writeString(text)
                case .value(let hole, let escaped):
                    let value = values[hole] ?? ""
                    if escaped { LayoutPlans.writeEscaped(value, to: &buffer) } else { buffer.writeString(value) }
                }
            }
            return buffer
        }
    }

    /// One plan per variant: language × role × error page, a few dozen at most.
    private let plans = MemoTable<Plan>(capacity: 100)

    static func marker(_ hole: Hole) -> String { "\u{E000}\(hole.rawValue)&\u{E001}" }

    func plan(_ variant: String, render: () -> String?) -> Plan {
        plans.value(variant) {
            render().map(Self.plan(from:)) ?? Plan(pieces: [.value(.body, escaped: false)], fixedBytes: 0)
        }
    }

    static func plan(from rendered: String) -> Plan {
        var pieces: [Plan.Piece] = []
        var rest = Substring(rendered)
        while let start = rest.unicodeScalars.firstIndex(of: "\u{E000}"),
            let end = rest.unicodeScalars[start...].firstIndex(of: "\u{E001}")
        {
            pieces.append(.text(String(rest[..<start])))
            let inner = String(rest.unicodeScalars[rest.unicodeScalars.index(after: start)..<end])
            let escaped = inner.hasSuffix("&amp;")
            let name = escaped ? inner.dropLast(5) : inner.dropLast(1)
            if let hole = Hole(rawValue: String(name)) {
                pieces.append(.value(hole, escaped: escaped))
            }
            rest = Substring(rest.unicodeScalars[rest.unicodeScalars.index(after: end)...])
        }
        pieces.append(.text(String(rest)))
        let fixed = pieces.reduce(0) { total, piece in
            if case .text(let text) = piece { total + text.utf8.count } else { total }
        }
        return Plan(pieces: pieces, fixedBytes: fixed)
    }

    /// The escaping of swift-mustache's `htmlEscape`: `<`, `>`, `&`, `"` and `'`.
    static func writeEscaped(_ value: String, to buffer: inout ByteBuffer) {
        var value = value
        value.withUTF8 { bytes in
            var runStart = 0
            for index in 0..<bytes.count {
                let replacement: StaticString
                switch bytes[index] {
                case UInt8(ascii: "<"): replacement = "&lt;"
                case UInt8(ascii: ">"): replacement = "&gt;"
                case UInt8(ascii: "&"): replacement = "&amp;"
                case UInt8(ascii: "\""): replacement = "&quot;"
                case UInt8(ascii: "'"): replacement = "&#39;"
                default: continue
                }
                buffer.writeBytes(UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(bytes)[runStart..<index]))
                buffer.writeStaticString(replacement)
                runStart = index + 1
            }
            buffer.writeBytes(UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(bytes)[runStart..<bytes.count]))
        }
    }
}
