import Foundation
import Hummingbird

/// What a device stores to read a course without a connection (issue 18), as the service worker fetches it:
/// the course's pages, its images and the site's shell (stylesheet, scripts, the offline page).
///
/// `GET /api/v1/courses/{slug}/offline`. The worker compares `content_version` with what it stored to know when a
/// newly published version must replace the stored one; `bytes` is what the course page announces before the
/// download ("about N KB").
struct OfflineCourse: ResponseEncodable, Sendable {
    struct PageLink: Codable, Sendable {
        let url: String
        let title: String
    }

    let course: String
    let title: String
    let contentVersion: String
    /// About how many bytes the stored copy takes (pages as sent before compression, images, shell).
    let bytes: Int
    /// The course page, each part's page, and each test's front page.
    let pages: [PageLink]
    /// The course's images.
    let media: [String]
    /// The shell: the stylesheet, scripts and the offline page, with their content tags.
    let assets: [String]

    /// The layout around a page's own part (head with the inlined CSS, menu, footer): measured on the lesson
    /// page, about 7 KB; a course page and a test's front page are about as large as the layout and their list.
    static let layoutBytes = 7_000

    init(_ course: Course, language: Language, shell: [String], bytes: Int) {
        self.course = course.slug
        title = course.title.text(language)
        contentVersion = course.contentVersion
        var pages = [PageLink(url: SitePath.course(course.slug), title: course.title.text(language))]
        for module in course.modules {
            pages.append(
                PageLink(url: SitePath.module(course.slug, module.slug), title: module.title.text(language)))
            if module.quiz != nil {
                pages.append(
                    PageLink(url: SitePath.quiz(course.slug, module.slug), title: module.title.text(language)))
            }
        }
        self.pages = pages
        media = course.media.keys.sorted().map { SitePath.mediaBase(course.slug) + $0 }
        assets = shell + [SitePath.offline]
        self.bytes = bytes
    }

    /// About how many bytes the course's pages take: the course page, each lesson with its layout, each test's
    /// front page, and the offline page.
    static func pageBytes(_ course: Course) -> Int {
        var bytes = 2 * layoutBytes + course.modules.count * 200
        for module in course.modules {
            bytes += layoutBytes + (module.lessonHTML?.utf8.count ?? 0) + (module.quiz == nil ? 0 : layoutBytes)
        }
        return bytes
    }
}

/// Builds `OfflineCourse`s. A course version's size is worked out once (its images measured off the event loop):
/// the course page shows it on every visit.
struct OfflineCourses: Sendable {
    let files: StaticFiles
    private let sizes = MemoTable<Int>(capacity: 256)

    init(files: StaticFiles) { self.files = files }

    func manifest(_ course: Course, language: Language) async throws -> OfflineCourse {
        OfflineCourse(course, language: language, shell: files.shellPaths, bytes: try await bytes(course))
    }

    /// About how many bytes the stored copy of this course version takes: pages, images and shell.
    func bytes(_ course: Course) async throws -> Int {
        let key = course.slug + "\u{1F}" + course.contentVersion
        if let known = sizes.peek(key) { return known }
        let paths = Array(course.media.values)
        let images = try await Blocking.run {
            paths.reduce(0) { sum, path in
                let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
                return sum + (size ?? 0)
            }
        }
        let shell = StaticFiles.shell.compactMap { files.size($0) }.reduce(0, +)
        return sizes.value(key) { OfflineCourse.pageBytes(course) + images + shell }
    }

    /// "Khoảng 180 KB" / "About 180 KB": the size the course page announces.
    static func sizeText(_ bytes: Int, strings: Strings, language: Language) -> String {
        let kilobytes = max(1, (bytes + 1023) / 1024)
        return strings.text("offline_size", language, [LocalText.count(kilobytes, language)])
    }
}
