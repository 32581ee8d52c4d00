/// The enrolment pages (`EnrollmentController`).
enum EnrollmentPages {
    static let all: [any Page.Type] = [EnrollPage.self]
}

/// `/admin/enroll`, for trainers: a course, and either a list of usernames or a whole district or commune; after
/// a post, how many were enrolled.
struct EnrollPage: Page {
    static let template = "enroll"

    struct CourseOption: Sendable, Encodable {
        let slug: String
        let title: String
    }

    /// A commune to choose: `district|commune`, and its name with its number of learners.
    struct Commune: Sendable, Encodable {
        let value: String
        let label: String
    }

    /// Where active learners live, and how many: what the district and commune lists are made of.
    struct Place: Sendable {
        let district: String
        let commune: String
        let people: Int
    }

    let title: String
    /// What the last post did.
    let result: String?
    let courses: [CourseOption]
    let districts: [String]
    let communes: [Commune]
}

extension EnrollPage {
    /// `places` in district and commune order.
    init(courses: [Course], places: [Place], result: String?, strings: Strings, language: Language) {
        self.init(
            title: strings.text("enroll_title", language), result: result,
            courses: courses.map { CourseOption(slug: $0.slug, title: $0.title.text(language)) },
            districts: Array(Set(places.map(\.district))).sorted(),
            communes: places.map {
                Commune(value: "\($0.district)|\($0.commune)", label: "\($0.commune) (\($0.district)) — \($0.people)")
            })
    }
}
