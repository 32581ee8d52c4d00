/// One run of a word-by-word difference as the `text_diff` partial shows it (issue 16, point 7).
struct DiffSpan: Sendable, Equatable, Encodable {
    let text: String
    /// Unchanged text.
    var same = false
    /// Text only this version has (the conflict page: highlighted, not "deleted").
    var mark = false
    /// Put in by the newer version (history).
    var ins = false
    /// Taken out by the newer version (history).
    var del = false
    /// Unchanged lines left out; the text says how many.
    var fold = false

    /// The spans of `parts`; `marked` shows changes as highlights (one side of a conflict) rather than as
    /// insertions and deletions.
    static func spans(_ parts: [TextDiff.Part], marked: Bool, strings: Strings, language: Language) -> [DiffSpan] {
        parts.map { part in
            switch part {
            case .same(let text): DiffSpan(text: text, same: true)
            case .removed(let text): marked ? DiffSpan(text: text, mark: true) : DiffSpan(text: text, del: true)
            case .added(let text): marked ? DiffSpan(text: text, mark: true) : DiffSpan(text: text, ins: true)
            case .fold(let lines): DiffSpan(text: strings.text("diff_folded", language, [String(lines)]), fold: true)
            }
        }
    }
}
