/// The filter form above a report (`report_filters.mustache`): the course — or, on a quiz's report, the quiz — then
/// the group and commune (the place list's units, and the communes on file that it does not name) and a range of
/// days.
struct ReportForm: Sendable, Encodable {
    struct Option: Sendable, Encodable {
        let value: String
        let label: String
        let selected: Bool
    }

    /// On a quiz's report the course is fixed and the choice is between its quizzes.
    struct QuizPicker: Sendable, Encodable {
        let courseSlug: String
        let quizzes: [Option]
    }

    let formAction: String
    /// Open when a date range narrows the report: the person should see it is there.
    let filtered: Bool
    /// Every course (empty on a quiz's report, which shows `quizPicker` instead).
    let courses: [Option]
    let quizPicker: QuizPicker?
    /// The place list's groups; empty (and the field left out) when it has none.
    let groups: [Option]
    /// `group=(none)`: the people of no group.
    let noGroup: Option
    let communes: [Option]
    /// The deprecated `district=` filter, kept through the form when a link brought it.
    let district: String?
    let from: String
    let to: String

    /// The form for `filter`; `onFile` are the communes people live in, in order.
    init(
        _ filter: ReportFilter, grouping: ReportGroups, onFile: [String], courses: [Course], action: String,
        quizPicker: QuizPicker? = nil, language: Language
    ) {
        formAction = action
        filtered = !filter.period.from.isEmpty || !filter.period.to.isEmpty
        self.courses = courses.map {
            Option(value: $0.slug, label: $0.title.text(language), selected: $0.slug == filter.course)
        }
        self.quizPicker = quizPicker
        groups = grouping.names.map { Option(value: $0, label: $0, selected: $0 == filter.group) }
        noGroup = Option(value: ReportGroups.none, label: "", selected: filter.group == ReportGroups.none)
        let group = filter.group
        let listed = grouping.units.filter {
            group.isEmpty || ReportView.groupValue(grouping.group(of: $0.name)) == group
        }
        .map { $0.name }
        // Communes the list does not name belong to no group.
        let unlisted =
            group.isEmpty || group == ReportGroups.none ? onFile.filter { !grouping.lists($0) } : []
        var seen = Set<String>()
        communes = (listed + unlisted).filter { seen.insert($0).inserted }.map { name in
            let unitGroup = grouping.group(of: name)
            return Option(
                value: name, label: group.isEmpty && !unitGroup.isEmpty ? "\(name) — \(unitGroup)" : name,
                selected: name == filter.commune)
        }
        district = filter.district.isEmpty ? nil : filter.district
        from = filter.period.from
        to = filter.period.to
    }
}
