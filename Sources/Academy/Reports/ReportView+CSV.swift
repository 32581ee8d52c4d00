import Foundation

extension ReportView {
    /// The report as CSV: headings in the page's language, plain numbers, days as `YYYY-MM-DD`.
    var csv: String {
        let counts = ["report_enrolled", "report_in_progress", "report_completed", "report_certified", "report_rate"]
        switch table.level {
        case .district, .commune:
            let places = table.level == .district ? ["report_district"] : ["report_district", "report_commune"]
            let rows = table.groups.map { row in
                [row.district] + (row.commune.map { [$0] } ?? [])
                    + [row.counts.enrolled, row.counts.inProgress, row.counts.completed, row.counts.certified]
                    .map(String.init)
                    + [ReportCSV.percent(row.counts.rate * 100)]
            }
            return CSVWriter.text(header: (places + counts).map(csvHeading), rows: rows)
        case .person:
            let header = [
                "report_district", "report_commune", "report_person", "report_username", "report_position",
                "report_enrolled_at", "report_status", "report_certified",
            ].map(csvHeading)
            let rows = table.people.map { person in
                [
                    person.district, person.commune, person.fullName, person.username, person.position,
                    Timestamp.day(person.enrolledAt), t("report_status_\(person.status.rawValue)"),
                    person.certified ? t("report_yes") : t("report_no"),
                ]
            }
            return CSVWriter.text(header: header, rows: rows)
        }
    }

    /// `completion-<course>[-<district>[-<commune>]]-<level>.csv`.
    var csvName: String {
        let parts = [table.course.slug, table.filter.district, table.filter.commune].filter { !$0.isEmpty }
            .map(ReportCSV.safeName)
        return "completion-" + parts.joined(separator: "-") + "-\(table.level.rawValue).csv"
    }
}
