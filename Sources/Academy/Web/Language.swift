import Hummingbird

/// The languages the pages speak: Vietnamese first, English second.
public enum Language: String, Sendable, CaseIterable {
    case vi, en

    static let cookieName = "lang"

    /// Picks the language from `?lang=`, then the `lang` cookie, then `Accept-Language`; Vietnamese otherwise.
    /// Returns whether the choice came from the query, so the caller can remember it in a cookie.
    static func negotiate(for request: Request) -> (Language, fromQuery: Bool) {
        if let query = request.uri.queryParameters.get("lang"), let language = Language(rawValue: query) {
            return (language, true)
        }
        if let cookie = request.cookieValue(cookieName), let language = Language(rawValue: cookie) {
            return (language, false)
        }
        if let header = request.headers[.acceptLanguage] {
            return (fromAcceptLanguage(header), false)
        }
        return (.vi, false)
    }

    /// The first of our languages named in an `Accept-Language` header, honouring q-values.
    static func fromAcceptLanguage(_ header: String) -> Language {
        var best: (Language, Double)?
        for part in header.split(separator: ",") {
            let pieces = part.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let tag = pieces.first?.lowercased() else { continue }
            let primary = String(tag.split(separator: "-").first ?? "")
            var quality = 1.0
            for parameter in pieces.dropFirst() where parameter.hasPrefix("q=") {
                quality = Double(parameter.dropFirst(2)) ?? 0
            }
            guard let language = Language(rawValue: primary), quality > 0 else { continue }
            if best == nil || quality > (best?.1 ?? 0) { best = (language, quality) }
        }
        return best?.0 ?? .vi
    }
}
