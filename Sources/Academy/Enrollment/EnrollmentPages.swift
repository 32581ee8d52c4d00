/// The enrolment pages (`EnrollmentController`).
enum EnrollmentPages {
    static let all: [any Page.Type] = [EnrollPage.self]
}

/// `/admin/enroll`, for trainers: a course, and either a list of usernames or a whole group or commune (issue 15);
/// after a post, how many were enrolled.
struct EnrollPage: Page {
    static let template = "enroll"

    struct CourseOption: Sendable, Encodable {
        let slug: String
        let title: String
    }

    /// A group or commune to choose: the value sent, and its name with its number of learners.
    struct Choice: Sendable, Encodable {
        let value: String
        let text: String
    }

    /// The communes of one group (an `<optgroup>`); `label` is nil when the place list has no groups.
    struct CommuneGroup: Sendable, Encodable {
        let label: String?
        let communes: [Choice]
    }

    let title: String
    /// What the last post did.
    let result: String?
    let courses: [CourseOption]
    /// The place list's groups, and "(no group)" when some learners have none; empty without groups.
    let groups: [Choice]
    let communeGroups: [CommuneGroup]
}

extension EnrollPage {
    /// The choices: every unit of the place list by group, then the communes active learners have that the list
    /// does not name; `learners` counts the active learners of each commune.
    init(
        courses: [Course], grouping: ReportGroups, learners: [String: Int], result: String?, strings: Strings,
        language: Language
    ) {
        func choice(_ value: String, _ name: String, _ count: Int) -> Choice {
            Choice(value: value, text: "\(name) — \(NumberText.count(count, language))")
        }
        let unlisted = learners.keys.filter { !grouping.lists($0) }.sorted {
            Text.searchKey($0) < Text.searchKey($1)
        }
        // Units of no group and communes the list does not name are one "(no group)", as in the reports.
        var byGroup: [String: [String]] = [:]
        for unit in grouping.units { byGroup[grouping.group(of: unit.name), default: []].append(unit.name) }
        byGroup["", default: []] += unlisted
        let noGroup = strings.text("report_no_group", language)
        let order = grouping.names + [""]
        var groups: [Choice] = []
        var communeGroups: [CommuneGroup] = []
        for group in order {
            let names = byGroup[group] ?? []
            guard !names.isEmpty else { continue }
            let total = names.reduce(0) { $0 + (learners[$1] ?? 0) }
            if !grouping.isEmpty && (!group.isEmpty || total > 0) {
                groups.append(choice(ReportView.groupValue(group), group.isEmpty ? noGroup : group, total))
            }
            communeGroups.append(
                CommuneGroup(
                    label: grouping.isEmpty ? nil : (group.isEmpty ? noGroup : group),
                    communes: names.map { choice($0, $0, learners[$0] ?? 0) }))
        }
        self.init(
            title: strings.text("enroll_title", language), result: result,
            courses: courses.map { CourseOption(slug: $0.slug, title: $0.title.text(language)) }, groups: groups,
            communeGroups: communeGroups)
    }
}
