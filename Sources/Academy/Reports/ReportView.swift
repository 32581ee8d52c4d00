import Foundation

/// How a completion report reads: its heading and breadcrumbs, column headings (with sort links), rows of cells,
/// totals, and the CSV export.
struct ReportView {
    let table: ReportTable
    let strings: Strings
    let language: Language

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
        let rate = Column(key: "rate", label: t("report_rate"), numeric: true)
        switch table.level {
        case .group: return [Column(key: "name", label: t("report_group"))] + counts + [rate]
        case .district: return [Column(key: "name", label: t("report_district"))] + counts + [rate]
        case .commune:
            return [Column(key: "name", label: t("report_commune"))]
                + (showsGroup ? [Column(key: "group", label: t("report_group"))] : []) + counts + [rate]
        case .person:
            return [
                Column(key: "name", label: t("report_person")), Column(key: "username", label: t("report_username")),
                Column(key: "position", label: t("report_position")),
            ]
                + (table.filter.commune.isEmpty ? [Column(key: "commune", label: t("report_commune"))] : [])
                + (showsGroup ? [Column(key: "group", label: t("report_group"))] : [])
                + [
                    Column(key: "enrolled_at", label: t("report_enrolled_at")),
                    Column(key: "status", label: t("report_status")),
                    Column(key: "certified", label: t("report_certified")),
                ]
        }
    }

    /// Whether communes and people show their group: when the list has groups and the report is not narrowed to
    /// one group or commune.
    var showsGroup: Bool {
        !table.grouping.isEmpty && table.filter.group.isEmpty && table.filter.commune.isEmpty
            && table.filter.district.isEmpty
    }

    /// The table, or nil when nobody is enrolled under the filters. With `sortPath`, sortable headings link to the
    /// table sorted by them; with `drillPath`, groups and communes link to the level below. `people` are the
    /// ones shown (one page of them on screen); the totals stay those of every row.
    func part(sortPath: String?, drillPath: String?, people: [PersonStanding]? = nil) -> ReportTablePart? {
        guard table.totals.enrolled > 0 else { return nil }
        return ReportTablePart(
            caption: heading, peopleTable: table.level == .person, columns: headings(sortPath: sortPath),
            rows: rows(drillPath: drillPath, people: people ?? table.people), totals: totals)
    }

    /// Headings; with `path`, each sortable one links to the table sorted by it.
    func headings(sortPath path: String?) -> [ReportTablePart.Heading] {
        let sortable = Set(table.level == .person ? ReportTable.personColumns : ReportTable.groupColumns)
        return columns.map { column in
            let link = path != nil && sortable.contains(column.key)
            return ReportTablePart.Heading(
                label: column.label, numeric: column.numeric, link: link,
                url: link ? table.sort.link(path ?? "", table.filter.queryItems + levelItem, column: column.key) : "",
                aria: table.sort.ariaSort(column.key), arrow: Self.arrow(table.sort, column.key))
        }
    }

    /// ▲ or ▼ beside the column a table is sorted by; nil beside the others.
    static func arrow(_ sort: ReportSort, _ column: String) -> String? {
        column == sort.key ? (sort.descending ? "▼" : "▲") : nil
    }

    /// The `level` query item when the level is not the one the filters imply.
    var levelItem: [(String, String)] {
        table.level == table.filter.naturalLevel(grouped: !table.grouping.isEmpty)
            ? [] : [("level", table.level.rawValue)]
    }

    /// Rows of cells; with `drillPath`, groups and communes link to the level below.
    func rows(drillPath: String?, people: [PersonStanding]) -> [ReportTablePart.Row] {
        if table.level == .person { return people.map { ReportTablePart.Row(cells: personCells($0)) } }
        return table.groups.map { row in
            var filter = table.filter
            let name: String
            if let commune = row.commune {
                filter.commune = commune
                name = place(commune)
            } else if let district = row.district {
                filter.district = district
                name = place(district)
            } else {
                filter.group = Self.groupValue(row.group)
                name = groupName(row.group)
            }
            let url = drillPath.map { ReportLink.url($0, filter.queryItems) }
            var cells = [cell(name, url: url)]
            if table.level == .commune && showsGroup { cells.append(cell(groupName(row.group))) }
            return ReportTablePart.Row(cells: cells + countCells(row.counts))
        }
    }

    /// The totals row: the label, then the sums under the counts.
    var totals: [ReportTablePart.Cell] {
        guard table.level != .person else {
            let summary = strings.text(
                "report_people_summary", language,
                [
                    count(table.totals.enrolled), count(table.totals.inProgress), count(table.totals.completed),
                    count(table.totals.certified),
                ])
            return [cell(summary, span: columns.count)]
        }
        let spacer = table.level == .commune && showsGroup ? [cell("")] : []
        return [cell(t("report_total"))] + spacer + countCells(table.totals)
    }

    func personCells(_ person: PersonStanding) -> [ReportTablePart.Cell] {
        var cells = [cell(person.fullName), cell(person.username), cell(person.position)]
        if table.filter.commune.isEmpty { cells.append(cell(place(person.commune))) }
        if showsGroup { cells.append(cell(groupName(person.group))) }
        return cells + [
            cell(DateText.day(person.enrolledAt, language)), cell(t("report_status_\(person.status.rawValue)")),
            cell(person.certified ? t("report_yes") : t("report_no")),
        ]
    }

    func countCells(_ counts: CompletionCounts) -> [ReportTablePart.Cell] {
        [counts.enrolled, counts.inProgress, counts.completed, counts.certified].map { cell(count($0), numeric: true) }
            + [cell(NumberText.percent(counts.rate, language), numeric: true)]
    }

    func cell(_ text: String, url: String? = nil, numeric: Bool = false, span: Int? = nil) -> ReportTablePart.Cell {
        ReportTablePart.Cell(text, url: url, numeric: numeric, span: span)
    }

    /// The group a report is narrowed to, by name: the chosen one, or the chosen commune's; nil when neither.
    var scopeGroup: String? {
        if !table.filter.group.isEmpty {
            return table.filter.group == ReportGroups.none ? groupName("") : table.filter.group
        }
        guard !table.filter.commune.isEmpty, !table.grouping.isEmpty else { return nil }
        return groupName(table.grouping.group(of: table.filter.commune))
    }

    /// "Groups", "Communes of X", or "People of commune Y, X".
    var heading: String {
        let scope = scopeGroup ?? (table.filter.district.isEmpty ? nil : table.filter.district)
        switch table.level {
        case .group: return t("report_heading_groups")
        case .district: return t("report_heading_districts")
        case .commune:
            return scope.map { strings.text("report_heading_communes", language, [$0]) }
                ?? t("report_heading_communes_all")
        case .person:
            let names = [table.filter.commune, scope ?? ""].filter { !$0.isEmpty }
            return names.isEmpty
                ? t("report_heading_people_all")
                : strings.text("report_heading_people", language, [names.joined(separator: ", ")])
        }
    }

    /// Province › group › commune, each a link to its level (the deprecated district, when given, after the group).
    func crumbs(_ path: String) -> [ReportLinkItem] {
        var filter = table.filter
        filter.group = ""
        filter.district = ""
        filter.commune = ""
        var items = [ReportLinkItem(label: t("report_province"), url: ReportLink.url(path, filter.queryItems))]
        if let group = scopeGroup {
            filter.group =
                table.filter.group.isEmpty
                ? Self.groupValue(table.grouping.group(of: table.filter.commune)) : table.filter.group
            items.append(ReportLinkItem(label: group, url: ReportLink.url(path, filter.queryItems)))
        }
        if !table.filter.district.isEmpty {
            filter.district = table.filter.district
            items.append(ReportLinkItem(label: table.filter.district, url: ReportLink.url(path, filter.queryItems)))
        }
        if !table.filter.commune.isEmpty {
            filter.commune = table.filter.commune
            items.append(ReportLinkItem(label: table.filter.commune, url: ReportLink.url(path, filter.queryItems)))
        }
        return items
    }

    /// The `group=` value of a row's group: its name, or `ReportGroups.none`.
    static func groupValue(_ group: String) -> String { group.isEmpty ? ReportGroups.none : group }

    /// A group's name; the people of no group are "(no group)".
    func groupName(_ group: String) -> String { group.isEmpty ? t("report_no_group") : group }

    /// A commune (or district) name; people imported without one are grouped under "(not given)".
    func place(_ name: String) -> String { name.isEmpty ? t("report_unknown_place") : name }

    func count(_ value: Int) -> String { NumberText.count(value, language) }

    func t(_ key: String) -> String { strings.text(key, language) }
}
