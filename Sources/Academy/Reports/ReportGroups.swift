/// Which group of the place list each commune belongs to, for the reports' province → group → commune levels
/// (issue 15). Names match exactly as stored: with a list loaded, the import and the v8 migration store every
/// commune as its unit's name. A commune the list does not name, or names without a group, has no group.
struct ReportGroups: Sendable {
    /// The value of `group=` that selects the people of no group (a group of the list is never written so).
    static let none = "(none)"

    /// The groups in the order the list first names them.
    let names: [String]
    /// Every unit of the list in its order, with its group ("" for none): what filter forms offer.
    let units: [(name: String, group: String)]
    /// The group of each unit name that has one; the first unit wins when a name is in two provinces.
    private let groupOf: [String: String]
    private let listed: Set<String>

    init(_ places: PlaceList) {
        names = places.groups
        units = places.places.map { ($0.name, $0.group) }
        var groupOf: [String: String] = [:]
        for place in places.places where !place.group.isEmpty && groupOf[place.name] == nil {
            groupOf[place.name] = place.group
        }
        self.groupOf = groupOf
        listed = Set(places.places.map(\.name))
    }

    /// True when the list has groups: reports then start at the group level.
    var isEmpty: Bool { names.isEmpty }

    /// True when the list names the unit, with or without a group.
    func lists(_ commune: String) -> Bool { listed.contains(commune) }

    /// The commune's group; "" for no group.
    func group(of commune: String) -> String { groupOf[commune] ?? "" }

    /// The unit names of a group, as `u.commune IN (…)` compares them; every unit with a group for `none`.
    func communes(in group: String) -> [String] {
        let wanted = group == Self.none ? nil : group
        return groupOf.filter { wanted == nil || $0.value == wanted }.map(\.key).sorted()
    }
}
