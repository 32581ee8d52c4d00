/// A commune-level unit of a place list (`Config/places/*.csv`): xã, phường or đặc khu.
public struct Place: Sendable, Equatable, Hashable {
    /// The official unit code where known, else empty.
    public var code: String
    /// The name without the type word: "Yên Hoa".
    public var name: String
    public var type: String
    public var province: String
    /// An optional grouping for reports, such as the former district: "Na Hang (cũ)". Empty when none.
    public var group: String
    /// The units merged into this one, each with its old type: "xã Đà Vị".
    public var formerNames: [FormerName]
    /// Where the unit is written, for messages.
    public var source: String
    public var line: Int

    /// "xã Yên Hoa".
    public var fullName: String { "\(type) \(name)" }
}

/// A unit that no longer exists, as a place list names it: "xã Tân Thành (huyện Hàm Yên)".
public struct FormerName: Sendable, Equatable, Hashable {
    /// Exactly as written: "xã Tân Thành (huyện Hàm Yên)".
    public var text: String
    /// "xã", "phường", "thị trấn" or "đặc khu".
    public var type: String
    /// "Tân Thành".
    public var name: String
    /// The district written in brackets to tell two old units of one name apart ("Hàm Yên"), else empty.
    public var district: String

    /// The types an old unit may have had.
    static let types = ["thị trấn", "đặc khu", "phường", "xã"]

    /// Reads "xã Tân Thành (huyện Hàm Yên)"; nil when the text does not start with an old unit's type.
    init?(_ raw: String) {
        let text = Text.clean(raw)
        guard let type = Self.types.first(where: { text.lowercased().hasPrefix($0 + " ") }) else { return nil }
        var rest = String(text.dropFirst(type.count + 1))
        var district = ""
        if rest.hasSuffix(")"), let open = rest.lastIndex(of: "(") {
            district = PlaceName.withoutDistrictWord(
                String(rest[rest.index(after: open)..<rest.index(before: rest.endIndex)]))
            rest = Text.clean(String(rest[..<open]))
        }
        guard !rest.isEmpty else { return nil }
        self.text = text
        self.type = type
        self.name = rest
        self.district = district
    }
}
