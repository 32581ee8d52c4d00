import Foundation

/// The JSON encoders and the decoder for `Codable` values, each configured once and shared (they are thread-safe):
/// no handler or store sets up its own. Request bodies are read by `JSONBody`; text written by hand (signed
/// credentials, stored answers and results) is escaped by `JSONString`.
enum AppJSON {
    /// The API's responses (API.md): snake_case keys, RFC 3339 UTC times, sorted keys, `/` unescaped. The keys of a
    /// `[String: …]` dictionary (question ids) are written as they are.
    static let api: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    /// Everything else: keys as the type names them, sorted, `/` unescaped. For JSON stored in the database (GRDB's
    /// JSON columns, quiz snapshots, published files) and for public documents whose names a standard fixes (JWKs).
    static let plain: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    /// Reads what `plain` wrote.
    static let decoder = JSONDecoder()
}
