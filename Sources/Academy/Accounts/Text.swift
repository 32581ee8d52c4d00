import Foundation

/// Text as people type it, made consistent before it is stored or compared.
public enum Text {
    /// NFC, single spaces, no spaces at either end: "  Nguyễn  Văn An " → "Nguyễn Văn An".
    public static func clean(_ text: String) -> String {
        text.precomposedStringWithCanonicalMapping
            .split(whereSeparator: { $0.isWhitespace })
            .joined(separator: " ")
    }

    /// Lower case without diacritics, for search: "Nguyễn Văn An" → "nguyen van an" (đ → d too).
    public static func searchKey(_ text: String) -> String {
        clean(text)
            .replacingOccurrences(of: "đ", with: "d")
            .replacingOccurrences(of: "Đ", with: "D")
            .folding(options: [.diacriticInsensitive, .caseInsensitive], locale: Locale(identifier: "en_US_POSIX"))
            .lowercased()
    }
}
