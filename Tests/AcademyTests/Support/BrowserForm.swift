/// What a browser would submit for the (first) form of a page: text fields, ticked boxes, chosen options.
enum BrowserForm {
    static func fields(_ html: String) -> [String: String] {
        var fields: [String: String] = [:]
        for tag in html.matches(of: /<input\b([^>]*)>/) {
            let attributes = String(tag.1)
            guard let name = attribute("name", attributes) else { continue }
            let type = attribute("type", attributes) ?? "text"
            if ["checkbox", "radio"].contains(type) && !attributes.contains(" checked") { continue }
            if type == "file" { continue }
            fields[name] = attribute("value", attributes) ?? (["checkbox", "radio"].contains(type) ? "on" : "")
        }
        for match in html.matches(of: /<textarea\b([^>]*)>([^<]*)<\/textarea>/) {
            if let name = attribute("name", String(match.1)) { fields[name] = String(match.2) }
        }
        for match in html.matches(of: /<select\b([^>]*)>(.*?)<\/select>/) {
            guard let name = attribute("name", String(match.1)) else { continue }
            let options = String(match.2)
            let chosen =
                options.firstMatch(of: /<option value="([^"]*)" selected>/)?.1
                ?? options.firstMatch(of: /<option value="([^"]*)"/)?.1
            fields[name] = chosen.map(String.init) ?? ""
        }
        return fields
    }

    static func attribute(_ name: String, _ attributes: String) -> String? {
        guard let range = attributes.range(of: " \(name)=\"") else { return nil }
        let rest = attributes[range.upperBound...]
        return String(rest.prefix { $0 != "\"" })
    }
}
