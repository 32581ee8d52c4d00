/// Prepares page data for Mustache: a missing value (nil) or an empty text is left out, so that
/// `{{#key}}…{{/key}}` sections simply do not show — never the word "nil" or an empty box on a page.
enum TemplateData {
    static func clean(_ data: [String: Any]) -> [String: Any] {
        var result: [String: Any] = [:]
        for (key, value) in data {
            if let cleaned = clean(value) { result[key] = cleaned }
        }
        return result
    }

    static func clean(_ value: Any) -> Any? {
        switch value {
        case let text as String: return text.isEmpty ? nil : text
        case let dictionary as [String: Any]: return clean(dictionary)
        case let list as [[String: Any]]: return list.map { clean($0) }
        case let list as [String]: return list
        case let list as [Any]: return list.compactMap { clean($0) }
        default:
            let mirror = Mirror(reflecting: value)
            guard mirror.displayStyle == .optional else { return value }
            return mirror.children.first.flatMap { clean($0.value) }
        }
    }
}
