/// Values for Mustache sections: swift-mustache treats an empty string as true, so `{{#x}}…{{/x}}` would still
/// render for `""`; an absent value is passed as `false` instead.
enum TemplateValue {
    static func maybe(_ text: String) -> Any { text.isEmpty ? false : text }
}
