/// A readable line-by-line difference between two texts, for the history page and for showing a trainer what
/// someone else saved: the standard library's `difference(from:)` (Myers) finds the changes.
enum LineDiff {
    enum Line: Equatable {
        case same(String)
        case added(String)
        case removed(String)
    }

    static func diff(_ old: String, _ new: String) -> [Line] {
        let a = old.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let b = new.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        // Lines equal at both ends are unchanged however the rest aligns: only the middle is compared, so a long
        // lesson with one edit costs no more than a short one.
        let prefix = zip(a, b).prefix { $0 == $1 }.count
        let suffix = zip(a[prefix...].reversed(), b[prefix...].reversed()).prefix { $0 == $1 }.count
        let changed = changes(a[prefix..<(a.count - suffix)], b[prefix..<(b.count - suffix)])
        return a[..<prefix].map(Line.same) + changed + a[(a.count - suffix)...].map(Line.same)
    }

    /// The middle: each removed line before the added ones at the same place.
    private static func changes(_ a: ArraySlice<String>, _ b: ArraySlice<String>) -> [Line] {
        // Myers keeps a row per step of the edit, up to `a.count + b.count` of them: beyond a few thousand changed
        // lines, show the whole change rather than spend memory.
        guard a.count + b.count <= 3_000 else { return a.map { .removed($0) } + b.map { .added($0) } }
        var removed = Set<Int>()
        var inserted = Set<Int>()
        for change in b.difference(from: a) {
            switch change {
            case .remove(let offset, _, _): removed.insert(offset)
            case .insert(let offset, _, _): inserted.insert(offset)
            }
        }
        var result: [Line] = []
        var (i, j) = (0, 0)
        while i < a.count || j < b.count {
            if i < a.count, removed.contains(i) {
                result.append(.removed(a[a.startIndex + i]))
                i += 1
            } else if j < b.count, inserted.contains(j) {
                result.append(.added(b[b.startIndex + j]))
                j += 1
            } else {
                result.append(.same(a[a.startIndex + i]))
                i += 1
                j += 1
            }
        }
        return result
    }

    /// The rows a page shows: changed lines with a little context, long unchanged runs folded.
    static func rows(_ old: String, _ new: String, context: Int = 2) -> [DiffRow] {
        let lines = diff(old, new)
        var keep = Set<Int>()
        for (index, line) in lines.enumerated() where line != .same(lineText(line)) {
            for near in max(0, index - context)...min(lines.count - 1, index + context) { keep.insert(near) }
        }
        var rows: [DiffRow] = []
        var skipped = false
        for (index, line) in lines.enumerated() {
            guard keep.contains(index) else {
                if !skipped { rows.append(DiffRow(kind: "skip", sign: nil, text: "…")) }
                skipped = true
                continue
            }
            skipped = false
            switch line {
            case .same(let text): rows.append(DiffRow(kind: "same", sign: " ", text: text))
            case .added(let text): rows.append(DiffRow(kind: "added", sign: "+", text: text))
            case .removed(let text): rows.append(DiffRow(kind: "removed", sign: "−", text: text))
            }
        }
        return rows
    }

    static func lineText(_ line: Line) -> String {
        switch line {
        case .same(let text), .added(let text), .removed(let text): text
        }
    }
}
