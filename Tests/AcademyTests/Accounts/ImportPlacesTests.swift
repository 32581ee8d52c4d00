import Foundation
import GRDB
import Testing

@testable import Academy

/// Issue 15: people's communes checked against the place list on import, with suggestions and former names.
@Suite struct UserImportPlacesTests {
    static let places = Fixtures.path("places/small")

    func run(_ csv: String, _ services: AppServices, dryRun: Bool = false) async throws -> UserImport.Report {
        try await UserImport(database: services.database, accounts: services.accounts, places: services.places)
            .run(csv: Array(csv.utf8), dryRun: dryRun, actor: nil, courses: [])
    }

    @Test func anUnknownCommuneIsRefusedOnItsLineWithASuggestion() async throws {
        // given the fixture list, and a file without a district column
        let services = try await TestApp.services(places: Self.places)
        let csv = """
            username,full_name,commune
            can.bo.1,Nguyễn Văn An,Yên Hoa
            can.bo.2,Trần Thị Bình,xa Yen Hoa
            can.bo.3,Lò Văn Cường,Hà Nội
            """
        // when
        let report = try await run(csv, services)
        // then nothing is written, and each wrong line says what to write
        #expect(report.errors.map(\.line) == [3, 4])
        #expect(
            report.errors[0].message
                == "'xa Yen Hoa' is not a commune-level unit of the place list; did you mean Yên Hoa?")
        #expect(report.errors[1].message == "'Hà Nội' is not a commune-level unit of the place list")
        #expect(try await services.accounts.user(username: "can.bo.1") == nil)
    }

    @Test func aFormerUnitIsStoredAsTheUnitThatAbsorbedItAndTheReportSaysSo() async throws {
        let services = try await TestApp.services(places: Self.places)
        let csv = """
            username,full_name,district,commune
            can.bo.1,Nguyễn Văn An,Na Hang,Xã Khâu Tinh
            can.bo.2,Trần Thị Bình,Hàm Yên,Tân Thành
            can.bo.3,Lò Văn Cường,,xã yên hoa
            """
        let report = try await run(csv, services)
        #expect(report.errors.isEmpty)
        #expect(report.rows.map(\.commune) == ["Yên Hoa", "Hàm Yên", "Yên Hoa"])
        #expect(report.rows[0].note == "xã Khâu Tinh was merged into xã Yên Hoa: stored as xã Yên Hoa")
        #expect(report.rows[2].note == nil)
        let stored = try #require(try await services.accounts.user(username: "can.bo.1"))
        #expect(stored.commune == "Yên Hoa")
        // The district stays as history, as written.
        #expect(stored.district == "Na Hang")
    }

    @Test func anAmbiguousFormerNameWithoutDistrictIsRefused() async throws {
        let services = try await TestApp.services(places: Self.places)
        let report = try await run("username,full_name,commune\ncan.bo.1,Nguyễn Văn An,Tân Thành\n", services)
        #expect(report.errors.first?.code == "commune_ambiguous")
        #expect(report.errors.first?.arguments == ["Tân Thành", "Hàm Yên, Tân Quang"])
    }

    @Test func withoutAPlaceListTheCommuneIsFreeText() async throws {
        let services = try await TestApp.services()
        let report = try await run("username,full_name,commune\ncan.bo.1,Nguyễn Văn An,xa Yen Hoa\n", services)
        #expect(report.errors.isEmpty)
        #expect(try await services.accounts.user(username: "can.bo.1")?.commune == "xa Yen Hoa")
    }

    @Test func theImportPageShowsTheSuggestionInTheReadersLanguage() async throws {
        let services = try await TestApp.services(places: Self.places)
        let report = try await run(
            "username,full_name,commune\ncan.bo.1,Nguyễn Văn An,Yen Hoa\n", services, dryRun: true)
        let page = ImportResultPage(report, csv: "", baseURL: "", strings: services.pages.strings, language: .vi)
        #expect(
            page.rows[0].message
                == "\"Yen Hoa\" không phải đơn vị hành chính cấp xã trong danh sách; có phải là Yên Hoa?")
    }
}
