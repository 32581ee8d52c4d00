import Foundation
import Testing

@testable import Academy

/// Golden-file snapshots of pages: each page's HTML is compared with its file under
/// `Tests/AcademyTests/Snapshots/<area>/<name>.html`, so a change to a page shows in review as a diff of that file.
///
/// `make snapshots` (`SNAPSHOTS=record`) writes every file anew; a file that does not exist yet is written and the
/// test fails once, so a new page's snapshot is always looked at before it is committed.
enum Golden {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Snapshots")
    static let recording = ProcessInfo.processInfo.environment["SNAPSHOTS"] == "record"

    static func check(_ html: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let url = root.appendingPathComponent(name + ".html")
        let stored = try? String(contentsOf: url, encoding: .utf8)
        if recording || stored == nil {
            try? FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            do { try html.write(to: url, atomically: true, encoding: .utf8) } catch {
                Issue.record("could not write \(url.path): \(error)", sourceLocation: sourceLocation)
            }
            if stored == nil && !recording {
                Issue.record(
                    "new snapshot \(name).html written: look at it, then run again", sourceLocation: sourceLocation)
            }
            return
        }
        guard let stored, stored != html else { return }
        let message =
            "\(name).html differs from its snapshot:\n\(firstDifference(stored, html))\n"
            + "(make snapshots writes them anew; review the diff)"
        Issue.record(Comment(rawValue: message), sourceLocation: sourceLocation)
    }

    /// The first line that differs, with its number, as a person wants to see it.
    static func firstDifference(_ expected: String, _ actual: String) -> String {
        let old = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let new = actual.split(separator: "\n", omittingEmptySubsequences: false)
        for index in 0..<max(old.count, new.count) {
            let before = index < old.count ? String(old[index]) : "(end)"
            let after = index < new.count ? String(new[index]) : "(end)"
            if before != after { return "line \(index + 1):\n- \(before)\n+ \(after)" }
        }
        return "(same lines)"
    }
}

/// Renders pages as a given reader sees them, with fixed values wherever a real request would vary (the form
/// token, the reader's name, the address), for `Golden`.
struct PageSnapshots: Sendable {
    let pages: PageRenderer

    /// The readers whose pages differ: a visitor, and each role signed in.
    static let everyone: [Role?] = [nil, .learner, .trainer, .hr, .admin]

    static func make() async throws -> PageSnapshots {
        PageSnapshots(
            pages: try await PageRenderer(
                resourcesDirectory: PageRenderer.bundledResources, stylesheet: "/css/site.css?v=snapshot"))
    }

    var strings: Strings { pages.strings }

    static func viewer(_ language: Language, _ role: Role?, path: String) -> Viewer {
        Viewer(
            language: language, person: role.map { Viewer.Person(name: "Nguyễn Thị Hoa", role: $0) },
            csrfToken: "CSRF-TOKEN", path: path)
    }

    /// Checks `page` in both languages for each reader in `roles`: `<area>/<name>.<language>.<reader>.html`.
    func check<P: Page>(
        _ name: String, path: String = "/page", roles: [Role?] = [.learner], status: Int = 200,
        sourceLocation: SourceLocation = #_sourceLocation, _ make: (Strings, Language) -> P
    ) {
        for language in Language.allCases {
            let page = make(strings, language)
            for role in roles {
                let html = pages.html(page, for: Self.viewer(language, role, path: path), noindex: status >= 400)
                Golden.check(
                    html, "\(name).\(language.rawValue).\(role?.rawValue ?? "visitor")", sourceLocation: sourceLocation)
            }
        }
    }

    /// Checks a shared page, rendered through the cache as the server renders it.
    func checkShared<P: SharedPage>(
        _ name: String, path: String = "/page", roles: [Role?] = [.learner],
        sourceLocation: SourceLocation = #_sourceLocation, _ make: @escaping (Strings, Language) -> P
    ) {
        for language in Language.allCases {
            for role in roles {
                let html = pages.html(cachedAs: name, for: Self.viewer(language, role, path: path)) {
                    make(strings, $0)
                }
                Golden.check(
                    html, "\(name).\(language.rawValue).\(role?.rawValue ?? "visitor")", sourceLocation: sourceLocation)
            }
        }
    }
}
