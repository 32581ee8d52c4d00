/// Two texts compared word by word, for people rather than programmers (issue 16, point 7): the conflict page shows
/// each version whole with the words that differ highlighted, and the history shows one text with the words taken
/// out and put in. Long runs of unchanged lines are folded, so a one-word edit of a long lesson reads in a glance.
enum TextDiff {
    /// A run of text: unchanged, only in the old text, only in the new one, or a fold of unchanged lines.
    enum Part: Equatable {
        case same(String)
        case removed(String)
        case added(String)
        case fold(Int)
    }

    /// Words (letters and digits), runs of spaces, and single other characters: the units people change.
    static func tokens(_ text: String) -> [String] {
        var tokens: [String] = []
        var current = ""
        var currentKind = 0
        for character in text {
            let kind = character.isLetter || character.isNumber ? 1 : (character == " " || character == "\t" ? 2 : 3)
            if kind == currentKind && kind != 3 {
                current.append(character)
            } else {
                if !current.isEmpty { tokens.append(current) }
                current = String(character)
                currentKind = kind
            }
        }
        if !current.isEmpty { tokens.append(current) }
        return tokens
    }

    /// The parts of `old` → `new`, each removal before the addition at the same place, unchanged lines folded
    /// beyond `context` lines from a change.
    static func parts(_ old: String, _ new: String, context: Int = 2) -> [Part] {
        let a = tokens(old)
        let b = tokens(new)
        let prefix = zip(a, b).prefix { $0 == $1 }.count
        let suffix = zip(a[prefix...].reversed(), b[prefix...].reversed()).prefix { $0 == $1 }.count
        var parts: [Part] = [.same(a[..<prefix].joined())]
        parts += middle(a[prefix..<(a.count - suffix)], b[prefix..<(b.count - suffix)])
        parts.append(.same(a[(a.count - suffix)...].joined()))
        return folded(merged(parts), context: context)
    }

    /// Myers over the changed middle; beyond a few thousand words, the whole middle as taken out and put in.
    private static func middle(_ a: ArraySlice<String>, _ b: ArraySlice<String>) -> [Part] {
        guard a.count + b.count <= 6_000 else { return [.removed(a.joined()), .added(b.joined())] }
        var removed = Set<Int>()
        var inserted = Set<Int>()
        for change in b.difference(from: a) {
            switch change {
            case .remove(let offset, _, _): removed.insert(offset)
            case .insert(let offset, _, _): inserted.insert(offset)
            }
        }
        var parts: [Part] = []
        var (i, j) = (0, 0)
        while i < a.count || j < b.count {
            if i < a.count, removed.contains(i) {
                parts.append(.removed(a[a.startIndex + i]))
                i += 1
            } else if j < b.count, inserted.contains(j) {
                parts.append(.added(b[b.startIndex + j]))
                j += 1
            } else {
                parts.append(.same(a[a.startIndex + i]))
                i += 1
                j += 1
            }
        }
        return parts
    }

    /// Neighbouring parts of one kind joined; a single space between two changes counts as changed, so
    /// "ba trụ cột" → "bốn cột chính" reads as one change, not three.
    private static func merged(_ parts: [Part]) -> [Part] {
        var parts = parts.filter { $0 != .same("") && $0 != .removed("") && $0 != .added("") }
        var index = 1
        while index + 1 < parts.count {
            if case .same(let space) = parts[index], space.allSatisfy({ $0 == " " }), parts[index - 1].isChange,
                parts[index + 1].isChange
            {
                parts[index] = .removed(space)
                parts.insert(.added(space), at: index + 1)
            }
            index += 1
        }
        var result: [Part] = []
        for part in parts {
            // Removals gather before additions within a run of changes.
            var last = result.count - 1
            while last >= 0, result[last].isChange, result[last].order > part.order, part.isChange { last -= 1 }
            if last >= 0, let joined = result[last].joined(with: part) {
                result[last] = joined
            } else {
                result.insert(part, at: last + 1)
            }
        }
        return result
    }

    /// Unchanged text longer than `2 × context + 1` lines keeps `context` lines beside each change.
    private static func folded(_ parts: [Part], context: Int) -> [Part] {
        var result: [Part] = []
        for (index, part) in parts.enumerated() {
            guard case .same(let text) = part else {
                result.append(part)
                continue
            }
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            let keepBefore = index == 0 ? 0 : context + 1  // the rest of the changed line, then `context` lines
            let keepAfter = index == parts.count - 1 ? 0 : context + 1
            guard lines.count > keepBefore + keepAfter + 1 else {
                result.append(part)
                continue
            }
            let head = lines.prefix(keepBefore).joined(separator: "\n")
            let tail = lines.suffix(keepAfter).joined(separator: "\n")
            if keepBefore > 0 { result.append(.same(head + "\n")) }
            result.append(.fold(lines.count - keepBefore - keepAfter))
            // The fold is a block of its own: the text after it starts on its own line.
            if keepAfter > 0 { result.append(.same(tail)) }
        }
        return result
    }

    /// What the old text was, with what the new one lacks marked (the conflict page's first version).
    static func oldSide(_ parts: [Part]) -> [Part] {
        parts.filter { $0.order != 1 }
    }

    /// What the new text is, with what the old one lacks marked.
    static func newSide(_ parts: [Part]) -> [Part] {
        parts.filter { $0.order != 0 }
    }

    /// Whether the two texts differ at all.
    static func hasChanges(_ parts: [Part]) -> Bool { parts.contains { $0.isChange } }
}

extension TextDiff.Part {
    var isChange: Bool {
        switch self {
        case .removed, .added: true
        case .same, .fold: false
        }
    }

    /// Removals sort before additions inside one change.
    var order: Int {
        switch self {
        case .removed: 0
        case .added: 1
        case .same, .fold: -1
        }
    }

    func joined(with other: Self) -> Self? {
        switch (self, other) {
        case (.same(let a), .same(let b)): .same(a + b)
        case (.removed(let a), .removed(let b)): .removed(a + b)
        case (.added(let a), .added(let b)): .added(a + b)
        default: nil
        }
    }
}
