import Mustache

/// What a template is rendered against: the page's stored properties, `t` and, for a page that is not shared,
/// `csrf`. An optional property that is `nil` is absent, as Mustache expects.
struct PageScope: MustacheParent {
    // `Any` because this is what Mustache reads: the page's own typed properties, looked up by the names the
    // template uses. Page code never builds one of these by hand.
    private let values: [String: Any]

    /// The scope of a page rendered for one reader.
    init(_ page: some Page, strings: [String: String], csrf: String) {
        var values = Self.properties(of: page)
        values["t"] = strings
        values["csrf"] = csrf
        self.values = values
    }

    /// The scope of a page that is the same for every reader: no form token, no name — by construction.
    init(shared page: some SharedPage, strings: [String: String]) {
        var values = Self.properties(of: page)
        values["t"] = strings
        self.values = values
    }

    /// The scope of a part of the layout.
    init(layout part: some Sendable, strings: [String: String], csrf: String? = nil) {
        var values = Self.reflectedProperties(of: part)
        values["t"] = strings
        if let csrf { values["csrf"] = csrf }
        self.values = values
    }

    func child(named name: String) -> Any? { values[name] }

    /// The stored properties of `value` by name, with optionals unwrapped and `nil` left out (`ScopeEncoder`).
    static func properties(of value: some Encodable) -> [String: Any] { ScopeEncoder.properties(of: value) }

    /// The same by reflection, for the layout's parts: they hold `FrameTag`s that must reach Mustache as they are,
    /// and are rendered once per layout variant (`PageRenderer.frame`), so reflection's cost does not matter there.
    private static func reflectedProperties(of value: Any) -> [String: Any] {
        var values: [String: Any] = [:]
        for child in Mirror(reflecting: value).children {
            guard let label = child.label else { continue }
            if let unwrapped = unwrap(child.value) { values[label] = unwrapped }
        }
        return values
    }

    private static func unwrap(_ value: Any) -> Any? {
        let mirror = Mirror(reflecting: value)
        guard mirror.displayStyle == .optional else { return value }
        return mirror.children.first.flatMap { unwrap($0.value) }
    }
}
