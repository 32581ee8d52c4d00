import Foundation
import Testing

@testable import Academy

/// Golden files of the places page (`Tests/AcademyTests/Snapshots/places/`), in both languages.
@Suite struct PlacePageSnapshotTests {
    @Test func places() async throws {
        let snapshots = try await PageSnapshots.make()
        let list = try PlaceListReader.load(directory: Fixtures.path("places/small"))
        let people = ["Yên Hoa": 12, "Hàm Yên": 3, "Xã Khâu Tinh": 2, "": 1]
        snapshots.check("places/places", path: SitePath.adminPlaces, roles: [.admin]) { strings, language in
            PlacesPage(list, people: people, strings: strings, language: language)
        }
        snapshots.check("places/places-none", path: SitePath.adminPlaces, roles: [.admin]) { strings, language in
            PlacesPage(.empty, people: ["Xã A": 4], strings: strings, language: language)
        }
    }
}

/// The places page through HTTP: admins see each unit with its people.
@Suite struct PlacesPageTests {
    @Test func anAdminSeesUnitsWithTheirPeople() async throws {
        try await TestApp.withServices(places: Fixtures.path("places/small")) { services, client in
            let admin = try await People.make(services, "quantri", role: .admin, commune: "")
            try await People.make(services, "a1", commune: "Yên Hoa")
            try await People.make(services, "a2", commune: "Yên Hoa")
            try await People.make(services, "a3", commune: "Xã Khâu Tinh")
            let page = try await client.execute(
                uri: SitePath.adminPlaces, method: .get, headers: try await People.browser(services, admin))
            #expect(page.status == .ok)
            #expect(page.text.contains("<td>xã Yên Hoa</td><td>xã Khâu Tinh; xã Yên Hoa</td><td class=\"num\">2</td>"))
            #expect(page.text.contains("<td>Xã Khâu Tinh</td><td class=\"num\">1</td>"))
        }
    }
}
