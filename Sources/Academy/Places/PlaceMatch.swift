/// What a commune written in an import or a mapping file is, against the place list.
public enum PlaceMatch: Sendable, Equatable {
    /// A unit of the list ("Yên Hoa", "Xã Yên Hoa", "xã yên hoa").
    case unit(Place)
    /// A former unit, merged into this one: stored as the unit, and the import report says so.
    case merged(into: Place, former: FormerName)
    /// A former name two units claim, and nothing (such as the district) tells which.
    case ambiguous([Place])
    /// Not on the list; the nearest names, best first (may be empty).
    case unknown(suggestions: [String])
}

extension PlaceList {
    /// Finds the unit a person means by `commune`, using `district` (history) to tell apart old units of one name.
    ///
    /// Exact means case- and type-word-insensitive with the diacritics as written; "Yen Hoa" is not accepted
    /// for "Yên Hoa" (two names may differ by their diacritics alone) but suggested.
    public func match(_ commune: String, district: String = "") -> PlaceMatch {
        let keys = Array(Set([PlaceName.exactKey(commune), Text.clean(commune).lowercased()]))
        let units = Set(keys.flatMap { byName[$0] ?? [] })
        let formers = keys.flatMap { byFormerName[$0] ?? [] }
        let district = PlaceName.withoutDistrictWord(district).lowercased()
        if !district.isEmpty {
            // Old data: "Tân Tiến" in "Yên Sơn" is the old xã merged into Tân Long, not today's xã Tân Tiến.
            // A former name without a district in brackets lies in its unit's group (the former district).
            let inDistrict = formers.filter { former, place in
                let written = former.district.isEmpty ? PlaceName.withoutDistrictWord(place.group) : former.district
                return written.lowercased() == district
            }
            if inDistrict.count == 1 {
                let (former, place) = inDistrict[0]
                return units.contains(place) ? .unit(place) : .merged(into: place, former: former)
            }
        }
        if units.count == 1, let only = units.first { return .unit(only) }
        if units.count > 1 { return .ambiguous(units.sorted { $0.line < $1.line }) }
        let absorbing = Set(formers.map(\.1))
        if absorbing.count == 1 { return .merged(into: formers[0].1, former: formers[0].0) }
        if absorbing.count > 1 { return .ambiguous(absorbing.sorted { $0.line < $1.line }) }
        return .unknown(suggestions: suggestions(for: commune))
    }

    /// Units whose name or former name is the same without diacritics, else the nearest by edit distance on the
    /// folded form (at most 3, within a third of the name's length).
    public func suggestions(for commune: String) -> [String] {
        let folded = PlaceName.foldedKey(commune)
        guard !folded.isEmpty else { return [] }
        var same: [String] = []
        for place in places {
            let matches =
                PlaceName.foldedKey(place.name) == folded
                || place.formerNames.contains { Text.searchKey($0.name) == folded }
            if matches && !same.contains(place.name) { same.append(place.name) }
        }
        if !same.isEmpty { return same }
        let limit = max(1, folded.count / 3)
        let scored = places.map { (PlaceName.distance(PlaceName.foldedKey($0.name), folded), $0.name) }
            .filter { $0.0 <= limit }
            .sorted { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
        return Array(scored.prefix(3).map(\.1))
    }
}
