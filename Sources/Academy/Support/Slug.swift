/// ASCII codes made from Vietnamese text, for course codes and question ids: "Chuyển đổi số" → "chuyen-doi-so".
/// `Public/js/quizform.js` previews the same rule in the browser; the server's result is the one kept.
enum Slug {
    /// Lower-case ASCII letters and digits joined by single hyphens: diacritics dropped (NFC and NFD text alike),
    /// đ → d, anything else a separator. At most `words` words and `length` characters (cut between words).
    static func make(_ text: String, words: Int = .max, length: Int = 60) -> String {
        var parts: [String] = []
        var current = ""
        for scalar in text.decomposedStringWithCanonicalMapping.lowercased().unicodeScalars {
            if scalar.properties.generalCategory == .nonspacingMark { continue }
            let folded: Unicode.Scalar = scalar == "đ" ? "d" : scalar
            if ("a"..."z").contains(folded) || ("0"..."9").contains(folded) {
                current.unicodeScalars.append(folded)
            } else if !current.isEmpty {
                parts.append(current)
                current = ""
            }
        }
        if !current.isEmpty { parts.append(current) }
        var result = ""
        for part in parts.prefix(words) {
            let next = result.isEmpty ? part : result + "-" + part
            if next.count > length { return result.isEmpty ? String(part.prefix(length)) : result }
            result = next
        }
        return result
    }

    /// `base`, or `base-2`, `base-3`…: the first that `taken` does not hold.
    static func unique(_ base: String, taken: Set<String>) -> String {
        guard taken.contains(base) else { return base }
        var number = 2
        while taken.contains("\(base)-\(number)") { number += 1 }
        return "\(base)-\(number)"
    }
}
