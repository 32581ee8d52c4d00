/// The filter form above a report: course, district, commune (all listed from the people on file) and days.
struct ReportForm {
    let reports: CompletionReport
    let pages: PageRenderer

    func data(_ table: ReportTable, _ snapshot: CourseCatalog.Snapshot, _ context: AppRequestContext) async throws
        -> [String: Any]
    {
        let places = try await reports.places()
        let filter = table.filter
        let districts = places.map(\.district).reduce(into: [String]()) { if $0.last != $1 { $0.append($1) } }
        let communes = places.filter {
            filter.district.isEmpty || $0.district == filter.district && !$0.commune.isEmpty
        }
        return [
            "courses": snapshot.courses.map {
                ["slug": $0.slug, "title": $0.title.text(context.language), "selected": $0.slug == filter.course]
            },
            "districts": districts.map { ["value": $0, "selected": $0 == filter.district] },
            "communes": communes.filter { !$0.commune.isEmpty }.map { place in
                [
                    "value": place.commune, "selected": place.commune == filter.commune,
                    "label": filter.district.isEmpty ? "\(place.commune) (\(place.district))" : place.commune,
                ]
            },
            "from": filter.period.from, "to": filter.period.to,
            // Open when a date range narrows the report: the person should see it is there.
            "filtered": !filter.period.from.isEmpty || !filter.period.to.isEmpty,
            "courseTitle": table.course.title.text(context.language), "peopleTable": table.level == .person,
        ]
    }
}
