import Hummingbird

/// One page of the site: a struct holding exactly what its template shows, nothing else.
///
/// The template is `Resources/templates/<template>.mustache`. A template sees the page's stored properties, `t`
/// (the strings of the page's language, `{{t.key}}`) and — unless the page is a `SharedPage` — `csrf`, the form
/// token of the reader's browser. Mustache hides a section (`{{#x}}…{{/x}}`) when `x` is `nil`, `false` or an
/// empty list, but shows it for an empty text: optional texts are `String?`, never `""`. Templates see stored
/// properties only, read through the page's synthesised `Encodable` conformance (`ScopeEncoder`, no reflection):
/// "is the list empty" is `{{#empty(list)}}`, not a computed `hasList`. Nested types are `Encodable` too.
///
/// Each area lists its pages in its `…Pages.all` (see `SitePages`); start-up stops when one's template is missing.
public protocol Page: Sendable, Encodable {
    /// The template's name, without `.mustache`.
    static var template: String { get }
    /// What the browser tab shows, before " · Commune Academy".
    var title: String { get }
}

/// A page whose template part is the same for every reader: it is rendered once per key and language and kept, by
/// a path that is given only the page and its language — never the reader's name or form token — so a cached part
/// cannot carry one person's values to another.
public protocol SharedPage: Page {}

/// Who is looking at a page, and where: all that a page's surroundings (the layout) depend on.
public struct Viewer: Sendable {
    public struct Person: Sendable {
        public var name: String
        public var role: Role
    }

    public var language: Language
    public var person: Person?
    /// The form token of this browser, for the sign-out form and the page's own forms.
    public var csrfToken: String
    public var path: String
    public var query: String?

    public init(language: Language, person: Person?, csrfToken: String, path: String, query: String? = nil) {
        self.language = language
        self.person = person
        self.csrfToken = csrfToken
        self.path = path
        self.query = query
    }

    init(request: Request, context: AppRequestContext) {
        self.init(
            language: context.language, person: context.user.map { Person(name: $0.fullName, role: $0.role) },
            csrfToken: context.csrfToken, path: request.uri.path, query: request.uri.query)
    }
}
