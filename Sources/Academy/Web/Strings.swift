import Foundation
import Yams

/// All user-facing text, one YAML file per language (`Resources/strings/vi.yaml`, `en.yaml`).
///
/// Loaded and cross-checked once at start-up: a key present in one language but missing in the other stops
/// the server, so no page ever shows a raw key.
public struct Strings: Sendable {
    private let tables: [Language: [String: String]]

    public init(directory: String) throws {
        var tables: [Language: [String: String]] = [:]
        for language in Language.allCases {
            let path = (directory as NSString).appendingPathComponent("\(language.rawValue).yaml")
            let text = try String(contentsOfFile: path, encoding: .utf8)
            // The file's shape is checked here: YAML of `key: text` lines, any scalar read as its text.
            guard let map = try Yams.load(yaml: text) as? [String: Any] else {
                throw StringsError(message: "\(path): expected key: text lines")
            }
            tables[language] = map.mapValues { "\($0)" }
        }
        // The layout is specialised into a second template once per variant (see `PageRenderer.frame`): a text
        // holding a Mustache tag would become one there.
        for (language, table) in tables {
            if let key = table.keys.sorted().first(where: { table[$0]?.contains("{{") == true }) {
                throw StringsError(message: "\(language.rawValue).yaml: \(key) contains \"{{\", which no text may hold")
            }
        }
        let vi = Set(tables[.vi]?.keys ?? [:].keys)
        let en = Set(tables[.en]?.keys ?? [:].keys)
        if vi != en {
            let missing = vi.symmetricDifference(en).sorted().joined(separator: ", ")
            throw StringsError(message: "strings missing in one language: \(missing)")
        }
        self.tables = tables
    }

    /// The whole table of one language, for templates (`{{t.key}}`).
    public func table(_ language: Language) -> [String: String] { tables[language] ?? [:] }

    /// One text, with `{0}`, `{1}`… replaced by the arguments; the key itself if it is unknown.
    public func text(_ key: String, _ language: Language, _ arguments: [String] = []) -> String {
        let text = tables[language]?[key] ?? tables[.vi]?[key] ?? key
        return arguments.isEmpty ? text : Self.fill(text, arguments)
    }

    /// `{0}`, `{1}`… replaced by the arguments, in one pass over the bytes (Foundation's `replacingOccurrences` was
    /// 3 % of a page's CPU in a profile).
    static func fill(_ text: String, _ arguments: [String]) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count + arguments.reduce(0) { $0 + $1.utf8.count })
        let bytes = Array(text.utf8)
        var index = 0
        var runStart = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "{"), index + 2 < bytes.count, bytes[index + 2] == UInt8(ascii: "}"),
                bytes[index + 1] >= UInt8(ascii: "0"), bytes[index + 1] <= UInt8(ascii: "9"),
                Int(bytes[index + 1] - UInt8(ascii: "0")) < arguments.count
            {
                result += String(decoding: bytes[runStart..<index], as: UTF8.self)
                result += arguments[Int(bytes[index + 1] - UInt8(ascii: "0"))]
                index += 3
                runStart = index
            } else {
                index += 1
            }
        }
        result += String(decoding: bytes[runStart..<bytes.count], as: UTF8.self)
        return result
    }

    public func has(_ key: String) -> Bool { tables[.vi]?[key] != nil }

    /// Stops start-up when a template names a string (`{{t.key}}`) that the strings files do not have: the page
    /// would show nothing where the text belongs.
    func checkTemplates(in directory: String) throws {
        var missing: [String] = []
        let files = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        for file in files.sorted() where file.hasSuffix(".mustache") {
            let path = (directory as NSString).appendingPathComponent(file)
            let text = try String(contentsOfFile: path, encoding: .utf8)
            for key in Self.keys(inTemplate: text) where !has(key) { missing.append("\(file): t.\(key)") }
        }
        if !missing.isEmpty {
            throw StringsError(message: "templates name strings that are missing: " + missing.joined(separator: ", "))
        }
    }

    /// The string keys a template names: `{{t.key}}`, `{{{t.key}}}`, `{{#t.key}}`…
    static func keys(inTemplate text: String) -> [String] {
        var keys: [String] = []
        var rest = Substring(text)
        while let open = rest.range(of: "{{") {
            rest = rest[open.upperBound...]
            let tag = rest.prefix { $0 != "}" }
            let name = tag.drop { "{#^/&> ".contains($0) }
            if name.hasPrefix("t.") {
                keys.append(String(name.dropFirst(2).prefix { !$0.isWhitespace }))
            }
            rest = rest[tag.endIndex...]
        }
        return keys
    }
}

/// The strings files are broken; start-up stops with this message.
public struct StringsError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
