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
    let bodies = RenderedBodies()

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
        let body = bodies.body(fullKey) { self.body(template, data: data(), context: context) }
        return layout(body: body, title: title, request: request, context: context, status: .ok)
    }

    private func body(_ template: String, data: [String: Any], context: AppRequestContext) -> String {
        var values = TemplateData.clean(data)
        values["t"] = strings.table(context.language)
        values["csrf"] = context.csrfToken
        return library.render(values, withTemplate: template) ?? ""
    }

    private func layout(
        body: String, title: String, request: Request, context: AppRequestContext, status: HTTPResponse.Status
    ) -> Response {
        let language = context.language
        let other: Language = language == .vi ? .en : .vi
        var layout: [String: Any] = [
            "lang": language.rawValue,
            "otherLang": other.rawValue,
            "title": title,
            "t": strings.table(language),
            "body": body,
            "stylesheet": stylesheet,
            "switchLanguageURL": Self.url(request.uri.path, language: other),
            "noindex": status.code >= 400,
            "csrf": context.csrfToken,
            "nav": Navigation.links(for: context.user, strings: strings, language: language),
        ]
        if let user = context.user {
            layout["userName"] = user.fullName
            layout["signedInAs"] = strings.text("nav_signed_in_as", language, [user.fullName])
        }
        let html = library.render(layout, withTemplate: "layout") ?? body
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        headers[.cacheControl] = "no-cache"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: html)))
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

    private static func url(_ path: String, language: Language) -> String {
        "\(path)?lang=\(language.rawValue)"
    }
}

/// Rendered page bodies by key. Keys carry the content version, so an edited course is simply a new key; the
/// bound only keeps many reloads from piling up old versions.
final class RenderedBodies: Sendable {
    private let bodies = Mutex<[String: String]>([:])
    let capacity: Int

    init(capacity: Int = 2_000) { self.capacity = capacity }

    func body(_ key: String, render: () -> String) -> String {
        if let body = bodies.withLock({ $0[key] }) { return body }
        let body = render()
        bodies.withLock { table in
            if table.count >= capacity { table.removeAll() }
            table[key] = body
        }
        return body
    }
}
