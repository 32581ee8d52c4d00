import Foundation
import Hummingbird

/// A decoded `application/x-www-form-urlencoded` body. Never throws: a missing field is nil.
public struct FormData: Sendable {
    private var values: [String: [String]] = [:]

    public init(_ body: String) {
        for pair in body.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let rawKey = parts.first else { continue }
            let key = Self.decode(rawKey)
            let value = parts.count > 1 ? Self.decode(parts[1]) : ""
            values[key, default: []].append(value)
        }
    }

    /// Reads and decodes the request body (which middleware may already have collected).
    public static func read(_ request: Request, context: AppRequestContext) async throws -> FormData {
        var request = request
        let body = try await request.collectBody(upTo: context.maxUploadSize)
        return FormData(String(buffer: body))
    }

    /// The first value of a field, trimmed of surrounding spaces and in NFC.
    public subscript(_ key: String) -> String? {
        values[key]?.first.map { $0.trimmingCharacters(in: .whitespacesAndNewlines).precomposedStringWithCanonicalMapping }
    }

    /// A field exactly as sent (passwords: spaces are part of them).
    public func raw(_ key: String) -> String? { values[key]?.first }

    /// Every value of a repeated field (checkboxes).
    public func all(_ key: String) -> [String] { values[key] ?? [] }

    static func decode(_ text: Substring) -> String {
        let spaced = text.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }
}
