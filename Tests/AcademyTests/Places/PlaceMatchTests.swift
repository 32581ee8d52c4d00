import Testing

@testable import Academy

/// Issue 15: what a commune written by a person means, against the fixture list (real units of Tuyên Quang).
@Suite struct PlaceMatchTests {
    let list: PlaceList

    init() throws { list = try PlaceListReader.load(directory: Fixtures.path("places/small")) }

    func name(_ match: PlaceMatch) -> String {
        switch match {
        case .unit(let place): "unit \(place.name)"
        case .merged(let place, let former): "merged \(former.text) → \(place.name)"
        case .ambiguous(let places): "ambiguous \(places.map(\.name).joined(separator: ", "))"
        case .unknown(let suggestions): "unknown \(suggestions.joined(separator: ", "))"
        }
    }

    @Test func theNameWithOrWithoutItsTypeWordIsTheUnit() {
        for written in ["Yên Hoa", "yên hoa", "Xã Yên Hoa", "xã  Yên Hoa ", "phường Yên Hoa"] {
            #expect(name(list.match(written)) == "unit Yên Hoa", "\(written)")
        }
    }

    @Test func withoutDiacriticsItIsRefusedWithTheRightName() {
        for written in ["Yen Hoa", "xa Yen Hoa", "YEN HOA", "phuong Yen Hoa"] {
            #expect(name(list.match(written)) == "unknown Yên Hoa", "\(written)")
        }
    }

    @Test func nearestNamesAreSuggestedForATypo() {
        #expect(name(list.match("Yên Hòa")) == "unknown Yên Hoa")
        #expect(name(list.match("Con Lon")) == "unknown Côn Lôn")
        #expect(name(list.match("Thuong Lam")) == "unknown Thượng Lâm")
        #expect(name(list.match("Tan Lonh")) == "unknown Tân Long")
        #expect(name(list.match("Hà Nội")) == "unknown ")
    }

    @Test func aFormerUnitMapsToTheUnitThatAbsorbedIt() {
        #expect(name(list.match("Khâu Tinh")) == "merged xã Khâu Tinh → Yên Hoa")
        #expect(name(list.match("xã Khuôn Hà")) == "merged xã Khuôn Hà → Thượng Lâm")
        #expect(name(list.match("Thị trấn Tân Yên")) == "merged thị trấn Tân Yên → Hàm Yên")
        // Without diacritics it is a suggestion of the absorbing unit, not a silent mapping.
        #expect(name(list.match("Khau Tinh")) == "unknown Yên Hoa")
    }

    @Test func theDistrictTellsApartOldUnitsOfOneName() {
        // Two old xã Tân Thành: one merged into Hàm Yên, one into Tân Quang.
        #expect(name(list.match("Tân Thành")) == "ambiguous Hàm Yên, Tân Quang")
        #expect(
            name(list.match("Tân Thành", district: "huyện Hàm Yên")) == "merged xã Tân Thành (huyện Hàm Yên) → Hàm Yên")
        #expect(
            name(list.match("Tân Thành", district: "Bắc Quang")) == "merged xã Tân Thành (huyện Bắc Quang) → Tân Quang")
        // Today's xã Tân Tiến, unless the row says it was the old one of Yên Sơn (now in Tân Long).
        #expect(name(list.match("Tân Tiến")) == "unit Tân Tiến")
        #expect(name(list.match("Tân Tiến", district: "Yên Sơn")) == "merged xã Tân Tiến (huyện Yên Sơn) → Tân Long")
        #expect(name(list.match("Tân Tiến", district: "Hoàng Su Phì")) == "unit Tân Tiến")
        // The old phường Tân Quang of the city is in Minh Xuân; today's xã Tân Quang is another unit.
        #expect(name(list.match("Tân Quang")) == "unit Tân Quang")
        #expect(
            name(list.match("phường Tân Quang", district: "Thành phố Tuyên Quang"))
                == "merged phường Tân Quang → Minh Xuân")
    }
}
