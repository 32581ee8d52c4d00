/// A readable line-by-line difference between two texts (longest common subsequence), for the history page
/// and for showing a trainer what someone else saved.
enum LineDiff {
    enum Line: Equatable {
        case same(String)
        case added(String)
        case removed(String)
    }

    static func diff(_ old: String, _ new: String) -> [Line] {
        let a = old.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let b = new.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        // Texts of a course are small (a lesson is a few hundred lines), so the quadratic table is fine; beyond
        // that, show the whole change rather than spend memory.
        guard a.count * b.count <= 4_000_000 else { return a.map { .removed($0) } + b.map { .added($0) } }
        var table = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in stride(from: a.count - 1, through: 0, by: -1) {
            for j in stride(from: b.count - 1, through: 0, by: -1) {
                table[i][j] = a[i] == b[j] ? table[i + 1][j + 1] + 1 : max(table[i + 1][j], table[i][j + 1])
            }
        }
        var result: [Line] = []
        var (i, j) = (0, 0)
        while i < a.count && j < b.count {
            if a[i] == b[j] {
                result.append(.same(a[i]))
                i += 1
                j += 1
            } else if table[i + 1][j] >= table[i][j + 1] {
                result.append(.removed(a[i]))
                i += 1
            } else {
                result.append(.added(b[j]))
                j += 1
            }
        }
        result += a[i...].map { .removed($0) } + b[j...].map { .added($0) }
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
