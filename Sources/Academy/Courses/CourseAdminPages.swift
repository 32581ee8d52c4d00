/// The course pages for trainers and admins (`CourseAdminController`).
enum CourseAdminPages {
    static let all: [any Page.Type] = [ProblemsPage.self]
}

/// `/admin/courses`: the courses served, the course folders refused with each problem, and the reload button.
struct ProblemsPage: Page {
    static let template = "problems"

    struct Loaded: Sendable, Encodable {
        let slug: String
        let title: String
        let version: String
        let contentVersion: String
        let url: String
    }

    /// A course folder that was not loaded, and why.
    struct Refused: Sendable, Encodable {
        let slug: String
        let problems: [String]
    }

    let title: String
    /// The courses were just read again.
    let reloaded: Bool
    let loadedAt: String
    let loaded: [Loaded]
    let refused: [Refused]

    init(_ snapshot: CourseCatalog.Snapshot, reloaded: Bool, strings: Strings, language: Language) {
        self.title = strings.text("problems_title", language)
        self.reloaded = reloaded
        self.loadedAt = LocalText.dateTime(snapshot.loadedAt, language)
        self.loaded = snapshot.courses.map {
            Loaded(
                slug: $0.slug, title: $0.title.text(language), version: $0.version,
                contentVersion: $0.contentVersion, url: SitePath.course($0.slug))
        }
        self.refused = snapshot.failures.keys.sorted().map { slug in
            Refused(slug: slug, problems: (snapshot.failures[slug] ?? []).map(\.description))
        }
    }
}
