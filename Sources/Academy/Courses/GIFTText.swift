/// One line of a GIFT file with its 1-based number.
struct GIFTLine {
    var text: Substring
    var number: Int

    /// The line without leading spaces or tabs.
    var content: Substring { text.drop { $0 == " " || $0 == "\t" } }
    var isBlank: Bool { text.allSatisfy(\.isWhitespace) }
    var isComment: Bool { content.hasPrefix("//") }
    var isCategory: Bool { content.hasPrefix("$CATEGORY:") }
}

/// One character of a question after GIFT escapes are resolved, with the line it came from.
struct GIFTUnit {
    var char: Character
    var line: Int
    /// Written with a backslash (`\~`, `\n`, …): never a GIFT control character, never trimmed.
    var escaped: Bool

    /// Whether this is the control character `c` (written without a backslash).
    func isControl(_ c: Character) -> Bool { !escaped && char == c }

    /// Whether this is a space, tab or line break of the source (not an escaped `\n`).
    var isBlank: Bool { !escaped && char.isWhitespace }
}

typealias GIFTUnits = ArraySlice<GIFTUnit>

/// Lexing and text helpers shared by the GIFT parser.
enum GIFTText {
    /// Characters that a backslash turns into plain text.
    static let escapable: Set<Character> = ["~", "=", "#", "{", "}", ":", "\\"]
    static let formats: Set<String> = ["html", "markdown", "plain", "moodle"]

    /// Splits a file into lines, accepting "\n", "\r\n" and "\r" line ends and a leading byte-order mark.
    static func lines(of text: String) -> [GIFTLine] {
        let body = text.hasPrefix("\u{FEFF}") ? Substring(text.dropFirst()) : Substring(text)
        let parts = body.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }
        return parts.enumerated().map { GIFTLine(text: $0.element, number: $0.offset + 1) }
    }

    /// Groups lines into runs of non-blank lines: in GIFT a blank line ends a question.
    static func chunks(of lines: [GIFTLine]) -> [[GIFTLine]] {
        var chunks: [[GIFTLine]] = []
        var current: [GIFTLine] = []
        for line in lines {
            if line.isBlank {
                if !current.isEmpty { chunks.append(current) }
                current = []
            } else {
                current.append(line)
            }
        }
        if !current.isEmpty { chunks.append(current) }
        return chunks
    }

    /// Turns lines into units, resolving `\~ \= \# \{ \} \: \\` and `\n`; lines are joined by a (real) line break.
    static func units(of lines: [GIFTLine]) -> [GIFTUnit] {
        var units: [GIFTUnit] = []
        for (index, line) in lines.enumerated() {
            if index > 0 { units.append(GIFTUnit(char: "\n", line: lines[index - 1].number, escaped: false)) }
            var pendingBackslash = false
            for char in line.text {
                if pendingBackslash {
                    pendingBackslash = false
                    if escapable.contains(char) {
                        units.append(GIFTUnit(char: char, line: line.number, escaped: true))
                        continue
                    } else if char == "n" {
                        units.append(GIFTUnit(char: "\n", line: line.number, escaped: true))
                        continue
                    }
                    units.append(GIFTUnit(char: "\\", line: line.number, escaped: false))
                }
                if char == "\\" {
                    pendingBackslash = true
                } else {
                    units.append(GIFTUnit(char: char, line: line.number, escaped: false))
                }
            }
            if pendingBackslash { units.append(GIFTUnit(char: "\\", line: line.number, escaped: false)) }
        }
        return units
    }

    /// The units without source whitespace at either end.
    static func trimmed(_ units: GIFTUnits) -> GIFTUnits {
        guard let first = units.firstIndex(where: { !$0.isBlank }),
            let last = units.lastIndex(where: { !$0.isBlank })
        else { return units[units.endIndex...] }
        return units[first...last]
    }

    /// The text of the units: each source line trimmed, empty lines dropped, the lines joined by `joiner`
    /// (escaped `\n` line breaks are kept as they are).
    static func string(_ units: GIFTUnits, joiner: String) -> String {
        var pieces: [String] = []
        var start = units.startIndex
        for index in units.indices where units[index].isControl("\n") || index == units.endIndex - 1 {
            let end = units[index].isControl("\n") ? index : index + 1
            let piece = trimmed(units[start..<end])
            if !piece.isEmpty { pieces.append(String(piece.map(\.char))) }
            start = index + 1
        }
        return pieces.joined(separator: joiner)
    }

    /// The units without a leading `[html]`, `[markdown]`, `[plain]` or `[moodle]` format marker.
    static func droppingFormat(_ units: GIFTUnits) -> GIFTUnits {
        let rest = trimmed(units)
        guard let open = rest.first, open.isControl("["),
            let close = rest.prefix(12).firstIndex(where: { $0.isControl("]") })
        else { return rest }
        let name = String(rest[(rest.startIndex + 1)..<close].map(\.char)).lowercased()
        return formats.contains(name) ? rest[(close + 1)...] : rest
    }

    /// Text of answers and feedback: format marker dropped, lines joined by a space; nil when empty.
    static func answerText(_ units: GIFTUnits) -> String? {
        let text = string(droppingFormat(units), joiner: " ")
        return text.isEmpty ? nil : text
    }

    /// Index of the first unit that is the control character `c`.
    static func first(_ c: Character, in units: GIFTUnits) -> Int? {
        units.firstIndex { $0.isControl(c) }
    }

    /// Index of the first of two adjacent control characters, such as `::` or `->`.
    static func first(_ a: Character, _ b: Character, in units: GIFTUnits) -> Int? {
        units.indices.dropLast().first { units[$0].isControl(a) && units[$0 + 1].isControl(b) }
    }

    /// Whether `text` is a plain decimal number (optional sign, digits, optional fraction and exponent).
    static func number(_ text: String) -> Double? {
        let allowed = Set("0123456789+-.eE")
        guard !text.isEmpty, text.allSatisfy({ allowed.contains($0) }), text.contains(where: \.isNumber),
            let value = Double(text), value.isFinite
        else { return nil }
        return value
    }

    /// The text without whitespace at either end.
    static func trim<S: StringProtocol>(_ text: S) -> String {
        String(text.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }

    /// Choice ids by position: "a" … "z", then "aa", "ab", ….
    static func choiceID(_ index: Int) -> String {
        let letters = Array("abcdefghijklmnopqrstuvwxyz")
        var id = ""
        var n = index
        repeat {
            id = String(letters[n % 26]) + id
            n = n / 26 - 1
        } while n >= 0
        return id
    }

    /// "q" and the first 8 hex digits of the FNV-1a 64-bit hash of the text: the id of an untitled question.
    static func hashID(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return "q" + (String(repeating: "0", count: 16 - hex.count) + hex).prefix(8)
    }
}
