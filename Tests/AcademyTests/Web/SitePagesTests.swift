import Foundation
import Testing

@testable import Academy

/// Every page is listed (so start-up checks its template), and start-up stops on a missing template or string.
@Suite struct SitePagesTests {
    static let sources = Fixtures.root.deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Sources/Academy")

    @Test func everyPageInTheSourcesIsListed() throws {
        let listed = Set(SitePages.all.map { String(describing: $0) })
        var declared: Set<String> = []
        let files = FileManager.default.enumerator(atPath: Self.sources.path)?.compactMap { $0 as? String } ?? []
        for file in files where file.hasSuffix(".swift") {
            let text = try String(contentsOf: Self.sources.appendingPathComponent(file), encoding: .utf8)
            for line in text.split(separator: "\n") {
                let words = line.split(whereSeparator: { " :,{".contains($0) })
                guard words.count >= 3, words[0] == "struct" || words[1] == "struct" else { continue }
                let nameIndex = words[0] == "struct" ? 1 : 2
                guard nameIndex + 1 < words.count else { continue }
                if words[(nameIndex + 1)...].contains(where: { $0 == "Page" || $0 == "SharedPage" }) {
                    declared.insert(String(words[nameIndex]))
                }
            }
        }
        #expect(!declared.isEmpty)
        #expect(declared.subtracting(listed).isEmpty, "pages in no area's list: \(declared.subtracting(listed))")
    }

    @Test func everyListedPageHasItsOwnTemplate() {
        let templates = SitePages.all.map { $0.template }
        #expect(Set(templates).count == templates.count, "two pages share a template")
    }

    @Test func aMissingTemplateStopsStartUpWithItsName() async throws {
        let folder = try Self.copyOfResources()
        try FileManager.default.removeItem(atPath: folder + "/templates/lesson.mustache")
        await #expect { try await PageRenderer(resourcesDirectory: folder, stylesheet: "") } throws: { error in
            "\(error)".contains("lesson.mustache")
        }
    }

    @Test func aTemplateNamingAMissingStringStopsStartUp() async throws {
        let folder = try Self.copyOfResources()
        let path = folder + "/templates/error.mustache"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        try (text + "<p>{{t.no_such_string}}</p>").write(toFile: path, atomically: true, encoding: .utf8)
        await #expect { try await PageRenderer(resourcesDirectory: folder, stylesheet: "") } throws: { error in
            "\(error)".contains("error.mustache: t.no_such_string")
        }
    }

    @Test func stringKeysAreFoundInEveryKindOfTag() {
        let keys = Strings.keys(inTemplate: "{{t.a}} {{{t.b}}} {{#t.c}}x{{/t.c}} {{^t.d}}{{/t.d}} {{title}} {{& t.e}}")
        #expect(keys == ["a", "b", "c", "c", "d", "d", "e"])
    }

    static func copyOfResources() throws -> String {
        let folder = NSTemporaryDirectory() + "academy-resources-\(UUID().uuidString)"
        try FileManager.default.copyItem(atPath: PageRenderer.bundledResources, toPath: folder)
        return folder
    }
}

/// Every string key the Swift code names as a literal is in the strings files, so no page or error shows a raw key.
@Suite struct StringKeysInCodeTests {
    @Test func everyKeyTheCodeNamesExists() async throws {
        let strings = try await PageSnapshots.make().strings
        var missing: [String] = []
        let root = SitePagesTests.sources
        let files = FileManager.default.enumerator(atPath: root.path)?.compactMap { $0 as? String } ?? []
        var seen = 0
        for file in files.sorted() where file.hasSuffix(".swift") {
            let text = try String(contentsOf: root.appendingPathComponent(file), encoding: .utf8)
            for key in Self.literals(after: "text(\"", in: text) where Self.isKey(key) {
                seen += 1
                if !strings.has(key) { missing.append("\(file): \(key)") }
            }
            for code in Self.literals(after: "AppError(", in: text, skippingTo: "\"") where Self.isKey(code) {
                seen += 1
                if !strings.has("error." + code) { missing.append("\(file): error.\(code)") }
            }
        }
        #expect(seen > 100, "the scan found the keys (\(seen))")
        #expect(missing.isEmpty, "keys missing from the strings files: \(missing)")
    }

    /// The quoted literal after each `marker` (after skipping to `skippingTo` within the same line, if given).
    static func literals(after marker: String, in text: String, skippingTo quote: String? = nil) -> [String] {
        var found: [String] = []
        var rest = Substring(text)
        while let range = rest.range(of: marker) {
            rest = rest[range.upperBound...]
            var candidate = rest
            if let quote {
                let line = candidate.prefix { $0 != "\n" && $0 != ")" }
                guard let start = line.range(of: quote) else { continue }
                candidate = candidate[start.upperBound...]
            }
            found.append(String(candidate.prefix { $0 != "\"" && $0 != "\n" }))
        }
        return found
    }

    /// A plain key (not a piece with interpolation, not an empty text).
    static func isKey(_ text: String) -> Bool {
        !text.isEmpty && text.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." }
    }
}

/// Scripts are addressed with their content hash, as the stylesheet is, so phones keep them for a year.
@Suite struct VersionedScriptTests {
    @Test func scriptAddressesCarryTheirHash() {
        let text = #"<script src="/js/quiz.js" defer></script>{{#x}}<script src="/js/timer.js" defer></script>{{/x}}"#
        let versioned = PageRenderer.versionScripts(text) { $0 == "/js/quiz.js" ? "/js/quiz.js?v=abc" : $0 }
        #expect(
            versioned
                == #"<script src="/js/quiz.js?v=abc" defer></script>{{#x}}<script src="/js/timer.js" defer></script>{{/x}}"#
        )
        #expect(PageRenderer.versionScripts(#"<img src="/js/broken"#) { _ in "x" } == #"<img src="/js/broken"#)
    }

    @Test func theServedQuizPageNamesTheHashedScript() async throws {
        let repository = URL(fileURLWithPath: Fixtures.shippedCourses).deletingLastPathComponent()
        let services = try await TestApp.services(publicDir: repository.appendingPathComponent("Public").path)
        let path = services.files.versionedPath("/js/quiz.js")
        #expect(path.hasPrefix("/js/quiz.js?v="))
        let html = services.pages.library.render([String: String](), withTemplate: "attempt") ?? ""
        #expect(html.contains(#"src="\#(path)""#))
    }
}
