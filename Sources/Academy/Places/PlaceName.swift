import Foundation

/// How names of places are compared: with or without the type word, case and diacritics.
enum PlaceName {
    /// Type words a person may write before a unit's name, with and without diacritics.
    static let typeWords = [
        "thị trấn", "thi tran", "đặc khu", "dac khu", "phường", "phuong", "xã", "xa",
    ]
    /// Words before the name of a district, as a district column or a bracket may hold them.
    static let districtWords = ["huyện", "huyen", "thành phố", "thanh pho", "thị xã", "thi xa", "tp.", "tp"]

    /// "Xã Yên Hoa" → "Yên Hoa"; "xa Yen Hoa" → "Yen Hoa". Case and diacritics are kept.
    static func withoutTypeWord(_ text: String) -> String {
        strip(Text.clean(text), words: typeWords)
    }

    /// "huyện Hàm Yên" → "Hàm Yên", "Na Hang (cũ)" → "Na Hang".
    static func withoutDistrictWord(_ text: String) -> String {
        var name = strip(Text.clean(text), words: districtWords)
        if name.lowercased().hasSuffix("(cũ)") { name = Text.clean(String(name.dropLast(4))) }
        return name
    }

    /// The exact key: the name without its type word, lower case, diacritics kept.
    static func exactKey(_ text: String) -> String { withoutTypeWord(text).lowercased() }

    /// The folded key: without type word, case or diacritics ("Xã Yên Hoa" → "yen hoa").
    static func foldedKey(_ text: String) -> String { Text.searchKey(withoutTypeWord(text)) }

    private static func strip(_ text: String, words: [String]) -> String {
        let lower = text.lowercased()
        for word in words where lower.hasPrefix(word + " ") {
            return Text.clean(String(text.dropFirst(word.count + 1)))
        }
        return text
    }

    /// Levenshtein distance over characters.
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a)
        let b = Array(b)
        if a.isEmpty { return b.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in stride(from: 1, through: b.count, by: 1) {
                current[j] = min(
                    previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
