import Foundation

/// A form field a person typed, read trimmed of surrounding spaces and in Unicode NFC (so "Hà Nội" typed in either
/// form is one value); nil when the form has no such field. Passwords and Markdown are plain `String?`: their
/// spaces are theirs.
@propertyWrapper
struct Trimmed: Decodable, Sendable, Equatable {
    var wrappedValue: String?

    init(wrappedValue: String?) {
        self.wrappedValue = wrappedValue
    }

    init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        wrappedValue = text.trimmingCharacters(in: .whitespacesAndNewlines).precomposedStringWithCanonicalMapping
    }
}

extension KeyedDecodingContainer {
    /// A `@Trimmed` field the form leaves out is nil, as an optional one is (without this, a missing key throws).
    func decode(_ type: Trimmed.Type, forKey key: Key) throws -> Trimmed {
        try decodeIfPresent(type, forKey: key) ?? Trimmed(wrappedValue: nil)
    }
}
