import Foundation

/// A small strict JSON reader (and the string writer) for the quiz's hot paths: every autosave and submission body, and every attempt's
/// stored layout. Foundation's `JSONDecoder` spent 15 % of a submission's CPU in its generic `Codable`
/// machinery for these few shapes. Whatever this reader does not accept goes to `JSONDecoder`, so errors and
/// odd inputs are handled exactly as before; only well-formed input takes the short way.
enum QuizJSON {
    indirect enum Value: Equatable {
        case object([String: Value])
        case array([Value])
        case string(String)
        case number
        case bool
        case null
    }

    /// A JSON string literal: quotes, backslashes and control characters escaped.
    static func quoted(_ value: String) -> String {
        // Most ids and answers need no escaping at all.
        if !value.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
            return "\"" + value + "\""
        }
        var out = "\""
        out.reserveCapacity(value.utf8.count + 2)
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                out += "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count)
                    + String(scalar.value, radix: 16)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    static func parse(_ bytes: some Collection<UInt8>) -> Value? {
        let array = Array(bytes)
        return array.withUnsafeBufferPointer { buffer in
            var reader = Reader(bytes: buffer)
            guard let value = reader.value(depth: 0) else { return nil }
            reader.skipSpace()
            return reader.at == buffer.count ? value : nil
        }
    }

    /// An answer body: `{"choice_ids": [...]}` and/or `{"text": "..."}` (camelCase accepted too, as before).
    static func answer(_ value: Value) -> QuizAnswer? {
        guard case .object(let fields) = value else { return nil }
        var answer = QuizAnswer()
        for (key, field) in fields {
            switch (key, field) {
            case ("choice_ids", .null), ("choiceIds", .null), ("text", .null): continue
            case ("choice_ids", .array(let items)), ("choiceIds", .array(let items)):
                var ids: [String] = []
                for item in items {
                    guard case .string(let id) = item else { return nil }
                    ids.append(id)
                }
                answer.choiceIds = ids
            case ("text", .string(let text)): answer.text = text
            case ("choice_ids", _), ("choiceIds", _), ("text", _): return nil
            default: continue
            }
        }
        return answer
    }

    /// A submission body: `{"answers": {"question id": answer, ...}}`, answers optional.
    static func answers(_ value: Value) -> [String: QuizAnswer]?? {
        guard case .object(let fields) = value else { return nil }
        switch fields["answers"] {
        case nil, .null?: return .some(nil)
        case .object(let items)?:
            var answers: [String: QuizAnswer] = [:]
            for (id, item) in items {
                guard let answer = answer(item) else { return nil }
                answers[id] = answer
            }
            return .some(answers)
        default: return nil
        }
    }

    /// A stored attempt layout: `{"items": [{"questionId": "...", "choiceIds": [...]}]}`.
    static func layout(_ text: String) -> Attempt.Layout? {
        guard case .object(let fields)? = parse(text.utf8), case .array(let items)? = fields["items"] else { return nil }
        var layout = Attempt.Layout(items: [])
        layout.items.reserveCapacity(items.count)
        for item in items {
            guard case .object(let entry) = item, case .string(let id)? = entry["questionId"],
                case .array(let choices)? = entry["choiceIds"]
            else { return nil }
            var ids: [String] = []
            for choice in choices {
                guard case .string(let choiceID) = choice else { return nil }
                ids.append(choiceID)
            }
            layout.items.append(.init(questionId: id, choiceIds: ids))
        }
        return layout
    }

    private struct Reader {
        let bytes: UnsafeBufferPointer<UInt8>
        var at = 0

        mutating func skipSpace() {
            while at < bytes.count, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[at]) { at += 1 }
        }

        mutating func value(depth: Int) -> Value? {
            guard depth < 64 else { return nil }
            skipSpace()
            guard at < bytes.count else { return nil }
            switch bytes[at] {
            case UInt8(ascii: "{"):
                at += 1
                var fields: [String: Value] = [:]
                skipSpace()
                if at < bytes.count, bytes[at] == UInt8(ascii: "}") { at += 1; return .object(fields) }
                while true {
                    skipSpace()
                    guard let key = string() else { return nil }
                    skipSpace()
                    guard at < bytes.count, bytes[at] == UInt8(ascii: ":") else { return nil }
                    at += 1
                    guard let field = value(depth: depth + 1) else { return nil }
                    fields[key] = field
                    skipSpace()
                    guard at < bytes.count else { return nil }
                    if bytes[at] == UInt8(ascii: ",") { at += 1; continue }
                    if bytes[at] == UInt8(ascii: "}") { at += 1; return .object(fields) }
                    return nil
                }
            case UInt8(ascii: "["):
                at += 1
                var items: [Value] = []
                skipSpace()
                if at < bytes.count, bytes[at] == UInt8(ascii: "]") { at += 1; return .array(items) }
                while true {
                    guard let item = value(depth: depth + 1) else { return nil }
                    items.append(item)
                    skipSpace()
                    guard at < bytes.count else { return nil }
                    if bytes[at] == UInt8(ascii: ",") { at += 1; continue }
                    if bytes[at] == UInt8(ascii: "]") { at += 1; return .array(items) }
                    return nil
                }
            case UInt8(ascii: "\""): return string().map(Value.string)
            case UInt8(ascii: "t"): return literal("true") ? .bool : nil
            case UInt8(ascii: "f"): return literal("false") ? .bool : nil
            case UInt8(ascii: "n"): return literal("null") ? .null : nil
            default: return number() ? .number : nil
            }
        }

        mutating func literal(_ word: StaticString) -> Bool {
            let count = word.utf8CodeUnitCount
            guard at + count <= bytes.count else { return false }
            for index in 0..<count where bytes[at + index] != word.utf8Start[index] { return false }
            at += count
            return true
        }

        /// JSON's number grammar, exactly; the value itself is not needed by any caller.
        mutating func number() -> Bool {
            let start = at
            if at < bytes.count, bytes[at] == UInt8(ascii: "-") { at += 1 }
            guard at < bytes.count else { return false }
            if bytes[at] == UInt8(ascii: "0") {
                at += 1
            } else if (UInt8(ascii: "1")...UInt8(ascii: "9")).contains(bytes[at]) {
                while at < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[at]) { at += 1 }
            } else {
                return false
            }
            if at < bytes.count, bytes[at] == UInt8(ascii: ".") {
                at += 1
                let digits = at
                while at < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[at]) { at += 1 }
                guard at > digits else { return false }
            }
            if at < bytes.count, bytes[at] == UInt8(ascii: "e") || bytes[at] == UInt8(ascii: "E") {
                at += 1
                if at < bytes.count, bytes[at] == UInt8(ascii: "+") || bytes[at] == UInt8(ascii: "-") { at += 1 }
                let digits = at
                while at < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[at]) { at += 1 }
                guard at > digits else { return false }
            }
            return at > start
        }

        mutating func string() -> String? {
            guard at < bytes.count, bytes[at] == UInt8(ascii: "\"") else { return nil }
            at += 1
            let start = at
            // The common case: no escapes, copied in one go (and checked to be valid UTF-8).
            while at < bytes.count, bytes[at] != UInt8(ascii: "\""), bytes[at] != UInt8(ascii: "\\"), bytes[at] >= 0x20 {
                at += 1
            }
            guard at < bytes.count else { return nil }
            if bytes[at] == UInt8(ascii: "\"") {
                let text = String(validating: UnsafeBufferPointer(rebasing: bytes[start..<at]), as: UTF8.self)
                at += 1
                return text
            }
            guard bytes[at] == UInt8(ascii: "\\") else { return nil }  // a raw control character
            var out = Array(bytes[start..<at])
            while at < bytes.count {
                let byte = bytes[at]
                if byte == UInt8(ascii: "\"") {
                    at += 1
                    return String(validating: out, as: UTF8.self)
                }
                guard byte >= 0x20 else { return nil }
                guard byte == UInt8(ascii: "\\") else {
                    out.append(byte)
                    at += 1
                    continue
                }
                at += 1
                guard at < bytes.count else { return nil }
                let escape = bytes[at]
                at += 1
                switch escape {
                case UInt8(ascii: "\""): out.append(UInt8(ascii: "\""))
                case UInt8(ascii: "\\"): out.append(UInt8(ascii: "\\"))
                case UInt8(ascii: "/"): out.append(UInt8(ascii: "/"))
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "u"):
                    guard var scalar = hex4() else { return nil }
                    if (0xD800..<0xDC00).contains(scalar) {
                        // a surrogate pair: the low half must follow as another \u escape
                        guard at + 1 < bytes.count, bytes[at] == UInt8(ascii: "\\"), bytes[at + 1] == UInt8(ascii: "u")
                        else { return nil }
                        at += 2
                        guard let low = hex4(), (0xDC00..<0xE000).contains(low) else { return nil }
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    } else if (0xDC00..<0xE000).contains(scalar) {
                        return nil
                    }
                    guard let unicode = Unicode.Scalar(scalar) else { return nil }
                    out.append(contentsOf: Array(String(Character(unicode)).utf8))
                default: return nil
                }
            }
            return nil
        }

        mutating func hex4() -> UInt32? {
            guard at + 4 <= bytes.count else { return nil }
            var value: UInt32 = 0
            for _ in 0..<4 {
                let byte = bytes[at]
                let digit: UInt8
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
                case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
                case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
                default: return nil
                }
                value = value << 4 | UInt32(digit)
                at += 1
            }
            return value
        }
    }
}
