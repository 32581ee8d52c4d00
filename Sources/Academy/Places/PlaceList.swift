/// The commune-level units people belong to, read from `Config/places/*.csv` at start (see Config/places/README.md).
/// An empty list means no list is configured: a commune is then free text, as before issue 15.
public struct PlaceList: Sendable, Equatable {
    public let places: [Place]
    /// Unit by its exact key (lower-case name, diacritics kept).
    let byName: [String: [Place]]
    /// (former name, unit that absorbed it) by the former name's exact key.
    let byFormerName: [String: [(FormerName, Place)]]

    public static let empty = PlaceList(places: [])

    public var isEmpty: Bool { places.isEmpty }

    init(places: [Place]) {
        self.places = places
        byName = Dictionary(grouping: places) { $0.name.lowercased() }
        var former: [String: [(FormerName, Place)]] = [:]
        for place in places {
            for name in place.formerNames { former[name.name.lowercased(), default: []].append((name, place)) }
        }
        byFormerName = former
    }

    /// The list, once it is known that no name is used twice within a province, no code twice, and no former
    /// unit is claimed by two units.
    public init(checking places: [Place]) throws(PlaceListError) {
        var names: [String: Place] = [:]
        var codes: [String: Place] = [:]
        var formers: [String: Place] = [:]
        for place in places {
            func fail(_ message: String) -> PlaceListError {
                PlaceListError(path: place.source, line: place.line, message: message)
            }
            let key = "\(place.province.lowercased())|\(place.name.lowercased())"
            if let other = names[key] {
                throw fail(
                    "'\(place.name)' is already a unit of \(place.province) (\(Self.at(other, from: place))); "
                        + "names must be unique within a province")
            }
            names[key] = place
            if !place.code.isEmpty {
                if let other = codes[place.code] {
                    throw fail(
                        "code \(place.code) is already used by \(other.fullName) (\(Self.at(other, from: place)))")
                }
                codes[place.code] = place
            }
            for former in place.formerNames {
                let formerKey = "\(place.province.lowercased())|\(former.text.lowercased())"
                if let other = formers[formerKey], other != place {
                    throw fail(
                        "former unit '\(former.text)' is already claimed by \(other.fullName) "
                            + "(\(Self.at(other, from: place))); if these are two old units of one name, add the "
                            + "district in brackets, e.g. '\(former.type) \(former.name) (huyện …)'")
                }
                formers[formerKey] = place
            }
        }
        self.init(places: places)
    }

    /// "line 12", or "other.csv:12" when the other unit is in another file.
    private static func at(_ other: Place, from place: Place) -> String {
        other.source == place.source ? "line \(other.line)" : "\(other.source):\(other.line)"
    }

    public static func == (lhs: PlaceList, rhs: PlaceList) -> Bool { lhs.places == rhs.places }

    /// The unit of this name, exactly (case and type word aside).
    public func place(named name: String) -> Place? {
        let found = byName[PlaceName.exactKey(name)] ?? []
        return found.count == 1 ? found[0] : nil
    }

    /// The groups in the order the list first names them, without the empty group.
    public var groups: [String] {
        var seen: Set<String> = []
        return places.map(\.group).filter { !$0.isEmpty && seen.insert($0).inserted }
    }

    /// The names of the units of one group.
    public func communes(inGroup group: String) -> [String] {
        places.filter { $0.group == group }.map(\.name)
    }
}
