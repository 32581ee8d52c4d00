import Foundation
import Hummingbird
import Mustache
import Synchronization

/// Renders pages: a page's template inside the shared layout, in the reader's language.
///
/// Templates and strings are loaded and checked once at start-up: a page whose template is missing, or a template
/// that names a string no language has, stops the server with the name.
public struct PageRenderer: Sendable {
    let library: MustacheLibrary
    public let strings: Strings
    /// Address of the stylesheet, with its content hash so browsers may cache it for a year.
    let stylesheet: String
    /// The first-paint CSS (`Public/css/critical.css`), inlined in every page's head so that text shows before the
    /// stylesheet arrives on a weak link (issue 18); the stylesheet itself is linked at the end of the page.
    let criticalCSS: String
    let caches: PageCaches

    /// `asset` gives a static file's address with its content hash (`StaticFiles.versionedPath`): every
    /// `src="/js/….js"` in the templates becomes that address as they are loaded, so scripts are cached for a year
    /// like the stylesheet, and a changed script is fetched anew (its hash changed), at no cost per page.
    public init(
        resourcesDirectory: String, stylesheet: String, criticalCSS: String = "",
        pages: [any Page.Type] = SitePages.all, caches: PageCaches = PageCaches(), asset: (String) -> String = { $0 }
    ) async throws {
        let templates = (resourcesDirectory as NSString).appendingPathComponent("templates")
        self.library = try Self.library(templates, asset: asset)
        let required = ["layout", "layout_head", "layout_top", "layout_foot"] + pages.map { $0.template }
        for name in required where library.getTemplate(named: name) == nil {
            throw StringsError(message: "template \(name).mustache is missing from \(templates)")
        }
        self.strings = try Strings(directory: (resourcesDirectory as NSString).appendingPathComponent("strings"))
        try strings.checkTemplates(in: templates)
        self.stylesheet = stylesheet
        self.criticalCSS = criticalCSS
        self.caches = caches
    }

    /// Every `*.mustache` of the folder, named by file, with script addresses versioned by `asset`.
    static func library(_ folder: String, asset: (String) -> String) throws -> MustacheLibrary {
        var library = MustacheLibrary()
        for file in try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
        where file.hasSuffix(".mustache") {
            let text = try String(contentsOfFile: (folder as NSString).appendingPathComponent(file), encoding: .utf8)
            do {
                try library.register(versionScripts(text, asset: asset), named: String(file.dropLast(9)))
            } catch {
                throw StringsError(message: "template \(file) cannot be read: \(error)")
            }
        }
        return library
    }

    /// `src="/js/quiz.js"` → `src="/js/quiz.js?v=<hash>"`, for each script the template names.
    static func versionScripts(_ text: String, asset: (String) -> String) -> String {
        var result = ""
        var rest = Substring(text)
        let marker = "src=\"/js/"
        while let found = rest.range(of: marker) {
            result += rest[..<found.lowerBound]
            let afterMarker = rest[found.upperBound...]
            guard let close = afterMarker.firstIndex(of: "\"") else {
                result += rest[found.lowerBound...]
                return result
            }
            let path = "/js/" + afterMarker[..<close]
            result += "src=\"" + asset(path)
            rest = afterMarker[close...]
        }
        return result + rest
    }

    /// The folder of templates and strings shipped inside the `Academy` module.
    public static var bundledResources: String {
        Bundle.module.bundleURL.appendingPathComponent("Resources").path
    }

    /// A whole HTML page for this request's reader.
    public func render(
        _ page: some Page, request: Request, context: AppRequestContext, status: HTTPResponse.Status = .ok
    ) -> Response {
        let viewer = Viewer(request: request, context: context)
        return response(html(page, for: viewer, noindex: status.code >= 400), status: status)
    }

    /// A page whose template part is the same for everyone: rendered once per `key` and language and kept; only the
    /// layout around it is rendered per request. `make` is given the language alone.
    public func render<P: SharedPage>(
        cachedAs key: String, request: Request, context: AppRequestContext, make: (Language) -> P
    ) -> Response {
        let viewer = Viewer(request: request, context: context)
        let part = sharedPart(cachedAs: key, language: viewer.language, make: make)
        return response(frame(body: part.body, title: part.title, viewer: viewer, noindex: false), status: .ok)
    }

    /// The page's HTML for `viewer`: what `render` sends, and what the snapshot tests compare.
    public func html(_ page: some Page, for viewer: Viewer, noindex: Bool = false) -> String {
        let scope = PageScope(page, strings: strings.table(viewer.language), csrf: viewer.csrfToken)
        return frame(body: body(type(of: page).template, scope), title: page.title, viewer: viewer, noindex: noindex)
    }

    /// A shared page's HTML for `viewer`, through the same cache `render(cachedAs:…)` uses.
    public func html<P: SharedPage>(cachedAs key: String, for viewer: Viewer, make: (Language) -> P) -> String {
        let part = sharedPart(cachedAs: key, language: viewer.language, make: make)
        return frame(body: part.body, title: part.title, viewer: viewer, noindex: false)
    }

    private func sharedPart<P: SharedPage>(cachedAs key: String, language: Language, make: (Language) -> P)
        -> PageCaches.SharedPart
    {
        let fullKey = P.template + "\u{1F}" + language.rawValue + "\u{1F}" + key
        return caches.sharedParts.value(fullKey) {
            let page = make(language)
            let scope = PageScope(shared: page, strings: strings.table(language))
            return PageCaches.SharedPart(title: page.title, body: body(P.template, scope))
        }
    }

    private func body(_ template: String, _ scope: PageScope) -> String {
        // Every page's template was checked at start-up, so this never renders nothing.
        library.render(scope, withTemplate: template) ?? ""
    }

    /// The layout around a page's body. `layout.mustache` is specialised once per variant (language, role, error
    /// page or not): it is rendered with every fixed value in place — the parts `layout_head`, `layout_top` and
    /// `layout_foot`, the menu, the texts — and with each per-request value left as its own Mustache tag, which gives
    /// a small template of fixed text and five tags. A request renders only that: rendering the whole layout on
    /// every request was a quarter of the lesson page's CPU.
    func frame(body: String, title: String, viewer: Viewer, noindex: Bool) -> String {
        let language = viewer.language
        let variant = "\(language.rawValue)\u{1F}\(viewer.person?.role.rawValue ?? "-")\u{1F}\(noindex)"
        let template = caches.layouts.value(variant) {
            specialisedLayout(
                language: language, role: viewer.person?.role, signedIn: viewer.person != nil,
                noindex: noindex)
        }
        let other: Language = language == .vi ? .en : .vi
        let values = FrameValues(
            title: title, body: body,
            switchLanguageURL: Self.switchLanguageURL(path: viewer.path, query: viewer.query, to: other),
            csrf: viewer.csrfToken,
            signedInAs: viewer.person.map { strings.text("nav_signed_in_as", language, [$0.name]) })
        return template.map { $0.render(values, library: library) } ?? body
    }

    /// `layout.mustache` for one variant, with the per-request values still to fill in.
    private func specialisedLayout(language: Language, role: Role?, signedIn: Bool, noindex: Bool)
        -> MustacheTemplate?
    {
        let table = strings.table(language)
        let menu = Navigation.menu(for: role, signedIn: signedIn, strings: strings, language: language)
        let fixed = LayoutFixed(
            lang: language.rawValue, stylesheet: stylesheet, criticalCSS: criticalCSS, noindex: noindex,
            nav: menu.main, more: menu.more, menu: !menu.more.isEmpty)
        let parts = PageScope(layout: fixed, strings: table)
        let other: Language = language == .vi ? .en : .vi
        let frame = LayoutFrame(
            head: library.render(parts, withTemplate: "layout_head") ?? "",
            top: library.render(parts, withTemplate: "layout_top") ?? "",
            foot: library.render(parts, withTemplate: "layout_foot") ?? "",
            title: FrameTag("{{title}}"), body: FrameTag("{{{body}}}"), otherLang: other.rawValue,
            switchLanguageURL: FrameTag("{{switchLanguageURL}}"),
            signedInAs: signedIn ? FrameTag("{{signedInAs}}") : nil, menu: fixed.menu)
        let scope = PageScope(layout: frame, strings: table, csrf: "{{csrf}}")
        guard let source = library.render(scope, withTemplate: "layout") else { return nil }
        return try? MustacheTemplate(string: source)
    }

    func response(_ html: String, status: HTTPResponse.Status) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        headers[.cacheControl] = "no-cache"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    /// A page written to a file (login slips from the command line): the stylesheet is inlined, no layout.
    public func standalone(_ page: some Page, language: Language, css: String) -> String {
        let scope = PageScope(page, strings: strings.table(language), csrf: "")
        let body = body(type(of: page).template, scope)
        return """
            <!doctype html><html lang="\(language.rawValue)"><head><meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1"><title>\(page.title)</title>
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

/// What the layout's fixed parts show: the same for every reader of one language and role.
private struct LayoutFixed: Sendable {
    let lang: String
    let stylesheet: String
    let criticalCSS: String
    let noindex: Bool
    let nav: [Navigation.Link]
    /// The staff's other links, behind "More" (`Navigation.menu`); empty for learners and visitors.
    let more: [Navigation.Link]
    let menu: Bool
}

/// What `layout.mustache` is given when it is specialised for a variant (see `PageRenderer.frame`).
private struct LayoutFrame: Sendable {
    let head: String
    let top: String
    let foot: String
    let title: FrameTag
    let body: FrameTag
    let otherLang: String
    let switchLanguageURL: FrameTag
    let signedInAs: FrameTag?
    /// The language switch and sign-out go inside the staff's "More" menu (opened in `layout_top`).
    let menu: Bool
}

/// A per-request value of the layout, written back as its own Mustache tag when the layout is specialised. Its
/// text has no character HTML escaping changes, so `{{title}}` in the layout gives `{{title}}` again.
private struct FrameTag: MustacheCustomRenderable, Sendable {
    let tag: String
    init(_ tag: String) { self.tag = tag }
    var renderText: String { tag }
    var isNull: Bool { false }
}

/// The per-request values of the specialised layout, read by name without reflection.
private struct FrameValues: MustacheParent {
    let title: String
    let body: String
    let switchLanguageURL: String
    let csrf: String
    let signedInAs: String?

    func child(named name: String) -> Any? {
        switch name {
        case "title": title
        case "body": body
        case "switchLanguageURL": switchLanguageURL
        case "csrf": csrf
        case "signedInAs": signedInAs
        default: nil
        }
    }
}

/// The rendered parts pages keep: built once at start-up (`makeServices`) and handed to the one `PageRenderer`.
public final class PageCaches: Sendable {
    struct SharedPart: Sendable {
        let title: String
        let body: String
    }

    /// Shared pages' bodies (lessons), per key and language.
    let sharedParts = MemoTable<SharedPart>(capacity: 2_000)
    /// The layout specialised per language × role × error page (see `PageRenderer.frame`): a few dozen at most.
    let layouts = MemoTable<MustacheTemplate?>(capacity: 100)

    public init() {}
}
