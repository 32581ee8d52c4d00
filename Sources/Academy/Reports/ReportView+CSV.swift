import Foundation

extension ReportView {
    /// The report as CSV: headings in the page's language, plain numbers, days as `YYYY-MM-DD`. Every row names its
    /// group (empty for no group) so a spreadsheet can add communes up; the deprecated district level its district.
    var csv: String {
        let counts = ["report_enrolled", "report_in_progress", "report_completed", "report_certified", "report_rate"]
        switch table.level {
        case .group, .district, .commune:
            let places =
                switch table.level {
                case .district: ["report_district"]
                case .group: ["report_group"]
                default: ["report_group", "report_commune"]
                }
            let rows = table.groups.map { row in
                (row.district.map { [$0] } ?? [row.group]) + (row.commune.map { [$0] } ?? [])
                    + [row.counts.enrolled, row.counts.inProgress, row.counts.completed, row.counts.certified]
                    .map(String.init)
                    + [ReportCSV.percent(row.counts.rate * 100)]
            }
            return CSVWriter.text(header: (places + counts).map(csvHeading), rows: rows)
        case .person:
            let header = [
                "report_group", "report_commune", "report_person", "report_username", "report_position",
                "report_enrolled_at", "report_status", "report_certified",
            ].map(csvHeading)
            let rows = table.people.map { person in
                [
                    person.group, person.commune, person.fullName, person.username, person.position,
                    Timestamp.day(person.enrolledAt), t("report_status_\(person.status.rawValue)"),
                    person.certified ? t("report_yes") : t("report_no"),
                ]
            }
            return CSVWriter.text(header: header, rows: rows)
        }
    }

    /// `completion-<course>[-<group>][-<district>][-<commune>]-<level>.csv`.
    var csvName: String {
        let group = table.filter.group == ReportGroups.none ? "no-group" : table.filter.group
        let parts = [table.course.slug, group, table.filter.district, table.filter.commune].filter { !$0.isEmpty }
            .map(ReportCSV.safeName)
        return "completion-" + parts.joined(separator: "-") + "-\(table.level.rawValue).csv"
    }
}
