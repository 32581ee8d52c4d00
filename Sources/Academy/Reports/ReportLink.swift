import Foundation

/// Links between report pages that keep the filters: `path?key=value&…`, every value percent-encoded.
enum ReportLink {
    static let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~"))

    static func url(_ path: String, _ items: [(String, String)]) -> String {
        let query = items.filter { !$0.1.isEmpty }.map { key, value in
            "\(key)=\(value.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")"
        }.joined(separator: "&")
        return query.isEmpty ? path : "\(path)?\(query)"
    }
}
