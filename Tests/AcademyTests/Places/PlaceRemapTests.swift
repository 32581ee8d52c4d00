import Foundation
import GRDB
import HummingbirdTesting
import Testing

@testable import Academy

/// Issue 15: `academy places remap` moves people of merged units, audited; certificates do not change.
@Suite struct PlaceRemapTests {
    static let mapping = """
        # Xã Khâu Tinh was merged into xã Yên Hoa (Nghị quyết 1684/NQ-UBTVQH15).
        old_commune,new_unit,district
        Xã Khâu Tinh,Yên Hoa,
        Xã Tân Thành,Hàm Yên,Hàm Yên
        """

    func people(_ services: AppServices) async throws {
        _ = try await People.make(services, "khau.tinh.1", commune: "Xã Khâu Tinh", district: "Na Hang")
        _ = try await People.make(services, "khau.tinh.2", commune: "xã khâu  tinh", district: "Na Hang")
        _ = try await People.make(services, "tan.thanh.hy", commune: "Xã Tân Thành", district: "Hàm Yên")
        _ = try await People.make(services, "tan.thanh.bq", commune: "Xã Tân Thành", district: "Bắc Quang")
    }

    func communes(_ services: AppServices) async throws -> [String: String] {
        try await services.database.writer.read { db in
            Dictionary(
                uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT username, commune FROM user").map {
                    ($0["username"] as String, $0["commune"] as String)
                })
        }
    }

    func remap(_ services: AppServices, dryRun: Bool, _ text: String = mapping) async throws -> [PlaceRemap.Move] {
        try await PlaceRemap(database: services.database, places: services.places)
            .run(Array(text.utf8), path: "m.csv", dryRun: dryRun)
    }

    @Test func aDryRunListsWhoWouldMoveAndChangesNothing() async throws {
        let services = try await TestApp.services(places: Fixtures.path("places/small"))
        try await people(services)
        let before = try await communes(services)
        let moves = try await remap(services, dryRun: true)
        #expect(moves.map(\.usernames) == [["khau.tinh.1", "khau.tinh.2"], ["tan.thanh.hy"]])
        #expect(moves.map(\.description) == ["Xã Khâu Tinh → Yên Hoa", "Xã Tân Thành (Hàm Yên) → Hàm Yên"])
        #expect(try await communes(services) == before)
        let entries = try await services.database.writer.read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM audit_log WHERE action = 'places_remapped'")
        }
        #expect(entries == 0)
    }

    @Test func aRemapMovesPeopleAndAuditsEachLine() async throws {
        let services = try await TestApp.services(places: Fixtures.path("places/small"))
        try await people(services)
        _ = try await remap(services, dryRun: false)
        let after = try await communes(services)
        #expect(after["khau.tinh.1"] == "Yên Hoa")
        #expect(after["khau.tinh.2"] == "Yên Hoa")
        #expect(after["tan.thanh.hy"] == "Hàm Yên")
        #expect(after["tan.thanh.bq"] == "Xã Tân Thành", "another district's Tân Thành stays")
        let audit = try await services.database.writer.read { db in
            try Row.fetchAll(
                db, sql: "SELECT target, detail, actor_name FROM audit_log WHERE action = 'places_remapped' ORDER BY id"
            )
        }
        #expect(audit.map { $0["target"] as String } == ["Xã Khâu Tinh → Yên Hoa", "Xã Tân Thành (Hàm Yên) → Hàm Yên"])
        #expect(audit.first?["detail"] as String? == "2 people: khau.tinh.1, khau.tinh.2")
        #expect(audit.first?["actor_name"] as String? == "command line")
    }

    @Test func aNewUnitNotOnTheListRefusesTheWholeFile() async throws {
        let services = try await TestApp.services(places: Fixtures.path("places/small"))
        try await people(services)
        let bad = "old_commune,new_unit\nXã Khâu Tinh,Yên Hoa\nXã Tân Thành,Ham Yen\n"
        await #expect(
            throws: PlaceListError(
                path: "m.csv", line: 3, message: "'Ham Yen' is not a unit of the place list; did you mean Hàm Yên?")
        ) { _ = try await remap(services, dryRun: false, bad) }
        #expect(try await communes(services)["khau.tinh.1"] == "Xã Khâu Tinh")
        let twice = "old_commune,new_unit\nXã Khâu Tinh,Yên Hoa\nxã khâu tinh,Côn Lôn\n"
        await #expect(
            throws: PlaceListError(path: "m.csv", line: 3, message: "'xã khâu tinh' is already mapped on line 2")
        ) {
            _ = try await remap(services, dryRun: true, twice)
        }
    }

    @Test func aCertificateReadsTheSameAfterARemap() async throws {
        try await TestApp.withServices(places: Fixtures.path("places/small")) { services, client in
            // given a certificate issued to an official of a unit that is later merged
            let (user, code) = try await CertificateFlowTests().passFinal(services)
            try await services.database.writer.write { db in
                try db.execute(sql: "UPDATE user SET commune = 'Xã Khâu Tinh' WHERE id = ?", arguments: [user.id])
            }
            let before = try await client.execute(uri: "/v/\(code)", method: .get).text
            let jwt = try await services.certificates.find(code)?.jwt
            // when
            _ = try await remap(services, dryRun: false)
            // then
            #expect(try await communes(services)["hocvien"] == "Yên Hoa")
            #expect(try await client.execute(uri: "/v/\(code)", method: .get).text == before)
            #expect(try await services.certificates.find(code)?.jwt == jwt)
        }
    }
}
