/// The filter form above a report (`report_filters.mustache`): the course — or, on a quiz's report, the quiz — then
/// district and commune (listed from the people on file) and a range of days.
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
    let districts: [Option]
    let communes: [Option]
    let from: String
    let to: String

    /// The form for `filter`; `places` are the districts and communes on file, in order.
    init(
        _ filter: ReportFilter, places: [(district: String, commune: String)], courses: [Course], action: String,
        quizPicker: QuizPicker? = nil, language: Language
    ) {
        formAction = action
        filtered = !filter.period.from.isEmpty || !filter.period.to.isEmpty
        self.courses = courses.map {
            Option(value: $0.slug, label: $0.title.text(language), selected: $0.slug == filter.course)
        }
        self.quizPicker = quizPicker
        let districtNames = places.map(\.district).reduce(into: [String]()) { if $0.last != $1 { $0.append($1) } }
        districts = districtNames.map { Option(value: $0, label: $0, selected: $0 == filter.district) }
        communes = places.filter {
            (filter.district.isEmpty || $0.district == filter.district) && !$0.commune.isEmpty
        }.map { place in
            Option(
                value: place.commune,
                label: filter.district.isEmpty ? "\(place.commune) (\(place.district))" : place.commune,
                selected: place.commune == filter.commune)
        }
        from = filter.period.from
        to = filter.period.to
    }
}
