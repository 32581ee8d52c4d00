/// The pages of the Places area.
enum PlacePages {
    static let all: [any Page.Type] = [PlacesPage.self]
}

/// `/admin/places`: the units of the place list by group, with their former names and people, in the reader's
/// language; and the communes people have that the list does not name.
struct PlacesPage: Page {
    static let template = "places"

    struct Unit: Sendable, Encodable {
        let code: String
        let name: String
        let type: String
        let formerNames: String
        /// How many people, as the reader writes numbers.
        let people: String
    }

    struct Group: Sendable, Encodable {
        /// Empty for units without a group.
        let name: String
        let units: [Unit]
        let people: String
    }

    struct Outside: Sendable, Encodable {
        /// The commune as stored; "(none)" in the reader's language when empty.
        let commune: String
        let people: String
    }

    let title: String
    let hasList: Bool
    let summary: String
    let groups: [Group]
    let outside: [Outside]

    init(_ list: PlaceList, people: [String: Int], strings: Strings, language: Language) {
        title = strings.text("places_title", language)
        hasList = !list.isEmpty
        var names: [String] = []
        for place in list.places where !names.contains(place.group) { names.append(place.group) }
        groups = names.map { name in
            let places = list.places.filter { $0.group == name }
            let units = places.map { place in
                Unit(
                    code: place.code, name: place.name, type: place.type,
                    formerNames: place.formerNames.map(\.text).joined(separator: "; "),
                    people: LocalText.count(people[place.name] ?? 0, language))
            }
            let total = places.map { people[$0.name] ?? 0 }.reduce(0, +)
            return Group(name: name, units: units, people: LocalText.count(total, language))
        }
        let known = Set(list.places.map(\.name))
        outside = people.filter { !known.contains($0.key) }
            .sorted { $0.key < $1.key }
            .map {
                Outside(
                    commune: $0.key.isEmpty ? strings.text("places_no_commune", language) : $0.key,
                    people: LocalText.count($0.value, language))
            }
        let counts = [
            list.places.count, list.places.filter { $0.type == "xã" }.count,
            list.places.filter { $0.type == "phường" }.count, list.places.filter { $0.type == "đặc khu" }.count,
        ].map { LocalText.count($0, language) }
        summary = strings.text("places_summary", language, counts)
    }
}
