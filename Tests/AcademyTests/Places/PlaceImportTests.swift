import Foundation
import GRDB
import Testing

@testable import Academy

/// Issue 15: `academy places import` checks a list with the others, reports changes, and copies it in NFC.
@Suite struct PlaceImportTests {
    @Test func aDryRunReportsAndWritesNothingARealRunCopiesAndAudits() async throws {
        // given an empty places folder and a person whose commune the list will not know
        let folder = NSTemporaryDirectory() + "places-\(UUID().uuidString)"
        let database = try AppDatabase.inMemory()
        try await database.writer.write { db in
            var user = User(
                username: "can.bo", fullName: "Nguyễn Văn An", role: .learner, passwordHash: "x", commune: "Xã Cũ")
            try user.insert(db)
        }
        let source = Fixtures.path("places/small/tuyen-quang.csv")
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: source)))
        let importer = PlaceImport(database: database, directory: folder)
        // when
        let dry = try await importer.run(bytes, name: source, dryRun: true)
        // then
        #expect(dry.units == 8)
        #expect(dry.added.count == 8)
        #expect(dry.unknownCommunes.map(\.commune) == ["Xã Cũ"])
        #expect(!FileManager.default.fileExists(atPath: folder + "/tuyen-quang.csv"))
        // when for real
        let real = try await importer.run(bytes, name: source, dryRun: false)
        #expect(real == dry)
        #expect(try PlaceListReader.load(directory: folder).places.count == 8)
        let audit = try await database.writer.read { db in
            try String.fetchOne(db, sql: "SELECT detail FROM audit_log WHERE action = 'places_imported'")
        }
        #expect(audit == "8 units; 8 added, 0 removed, 0 changed")
        // and again: nothing changes
        let again = try await importer.run(bytes, name: source, dryRun: true)
        #expect(again.added.isEmpty && again.removed.isEmpty && again.changed.isEmpty)
    }

    @Test func aBadListIsRefusedWithItsLine() async throws {
        let importer = PlaceImport(
            database: try AppDatabase.inMemory(), directory: NSTemporaryDirectory() + "x-\(UUID())")
        let text = "# c\ncode,name,type,province,group,former_names\n,Yên Hoa,thôn,Tuyên Quang,,\n"
        await #expect(
            throws: PlaceListError(path: "f.csv", line: 3, message: "unknown type 'thôn'; use xã, phường or đặc khu")
        ) {
            _ = try await importer.run(Array(text.utf8), name: "f.csv", dryRun: true)
        }
    }
}
