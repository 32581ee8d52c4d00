import Foundation

/// How a completion report reads on a page: column headings (with sort links), rows of cells, totals, CSV.
///
/// Every cell carries the same keys (`text`, `url`, `link`, `numeric`) so the one table template never falls back
/// to a key of an enclosing row.
struct ReportView {
    let table: ReportTable
    let pages: PageRenderer
    let language: Language

    init(table: ReportTable, pages: PageRenderer, language: Language) {
        self.table = table
        self.pages = pages
        self.language = language
    }

    /// A column: the sort key, its heading, whether it holds numbers.
    struct Column {
        var key: String
        var label: String
        var numeric = false
    }

    var columns: [Column] {
        let counts = [
            Column(key: "enrolled", label: t("report_enrolled"), numeric: true),
            Column(key: "in_progress", label: t("report_in_progress"), numeric: true),
            Column(key: "completed", label: t("report_completed"), numeric: true),
            Column(key: "certified", label: t("report_certified"), numeric: true),
        ]
        switch table.level {
        case .district:
            return [Column(key: "name", label: t("report_district"))] + counts
                + [Column(key: "rate", label: t("report_rate"), numeric: true)]
        case .commune:
            return [Column(key: "name", label: t("report_commune"))]
                + (table.filter.district.isEmpty ? [Column(key: "district", label: t("report_district"))] : [])
                + counts + [Column(key: "rate", label: t("report_rate"), numeric: true)]
        case .person:
            return [
                Column(key: "name", label: t("report_person")), Column(key: "username", label: t("report_username")),
                Column(key: "position", label: t("report_position")),
            ]
                + (table.filter.commune.isEmpty
                    ? [
                        Column(key: "commune", label: t("report_commune")),
                        Column(key: "district", label: t("report_district")),
                    ]
                    : [])
                + [
                    Column(key: "enrolled_at", label: t("report_enrolled_at")),
                    Column(key: "status", label: t("report_status")),
                    Column(key: "certified", label: t("report_certified")),
                ]
        }
    }

    /// Headings; with `path`, each sortable one links to the table sorted by it.
    func headings(sortPath path: String?) -> [[String: Any]] {
        let sortable = Set(table.level == .person ? ReportTable.personColumns : ReportTable.groupColumns)
        return columns.map { column in
            let link = path != nil && sortable.contains(column.key)
            let current = column.key == table.sort.key
            return [
                "label": column.label, "numeric": column.numeric, "link": link,
                "url": link ? table.sort.link(path ?? "", table.filter.queryItems + levelItem, column: column.key) : "",
                "aria": table.sort.ariaSort(column.key),
                "arrow": TemplateValue.maybe(current ? (table.sort.descending ? "▼" : "▲") : ""),
            ]
        }
    }

    /// The `level` query item when the level is not the one the filters imply.
    var levelItem: [(String, String)] {
        table.level == table.filter.naturalLevel ? [] : [("level", table.level.rawValue)]
    }

    /// Rows of cells; with `drillPath`, districts and communes link to the level below.
    func rows(drillPath: String?) -> [[String: Any]] {
        if table.level == .person { return table.people.map { ["cells": personCells($0)] } }
        return table.groups.map { row in
            var filter = table.filter
            filter.district = row.district
            if let commune = row.commune { filter.commune = commune }
            let url = drillPath.map { ReportLink.url($0, filter.queryItems) } ?? ""
            var cells = [cell(place(row.commune ?? row.district), url: url)]
            if table.level == .commune && table.filter.district.isEmpty { cells.append(cell(place(row.district))) }
            return ["cells": cells + countCells(row.counts)]
        }
    }

    /// The totals row: the label, then the sums under the counts.
    var totals: [[String: Any]] {
        guard table.level != .person else {
            let summary = pages.strings.text(
                "report_people_summary", language,
                [
                    count(table.totals.enrolled), count(table.totals.inProgress), count(table.totals.completed),
                    count(table.totals.certified),
                ])
            var only = cell(summary)
            only["span"] = columns.count
            return [only]
        }
        let spacer = table.level == .commune && table.filter.district.isEmpty ? [cell("")] : []
        return [cell(t("report_total"))] + spacer + countCells(table.totals)
    }

    func personCells(_ person: PersonStanding) -> [[String: Any]] {
        var cells = [cell(person.fullName), cell(person.username), cell(person.position)]
        if table.filter.commune.isEmpty { cells += [cell(place(person.commune)), cell(place(person.district))] }
        return cells + [
            cell(DateText.day(person.enrolledAt, language)), cell(t("report_status_\(person.status.rawValue)")),
            cell(person.certified ? t("report_yes") : t("report_no")),
        ]
    }

    func countCells(_ counts: CompletionCounts) -> [[String: Any]] {
        [counts.enrolled, counts.inProgress, counts.completed, counts.certified].map { cell(count($0), numeric: true) }
            + [cell(NumberText.percent(counts.rate, language), numeric: true)]
    }

    func cell(_ text: String, url: String = "", numeric: Bool = false) -> [String: Any] {
        ["text": text, "url": url, "link": !url.isEmpty, "numeric": numeric]
    }

    /// A district or commune name; people imported without one are grouped under "(not given)".
    func place(_ name: String) -> String { name.isEmpty ? t("report_unknown_place") : name }

    func count(_ value: Int) -> String { NumberText.count(value, language) }

    func t(_ key: String) -> String { pages.strings.text(key, language) }
}
