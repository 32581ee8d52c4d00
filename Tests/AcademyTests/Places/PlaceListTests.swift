import Foundation
import Testing

@testable import Academy

/// Issue 15: the place list's format and every way a file can be wrong, each with its line.
@Suite struct PlaceListTests {
    static let header = "code,name,type,province,group,former_names"

    func read(_ text: String) throws(PlaceListError) -> PlaceList {
        try PlaceList(checking: try PlaceListReader.read(Array(text.utf8), path: "t.csv"))
    }

    func problem(_ text: String) -> PlaceListError? {
        do {
            _ = try read(text)
            return nil
        } catch { return error }
    }

    @Test func readsTheFixtureWithCommentsAndFormerNames() throws {
        // given the fixture (real units of Tuyên Quang)
        let list = try PlaceListReader.load(directory: Fixtures.path("places/small"))
        // then
        #expect(list.places.count == 8)
        let hamYen = try #require(list.place(named: "Hàm Yên"))
        #expect(hamYen.code == "02374")
        #expect(hamYen.group == "Hàm Yên (cũ)")
        #expect(hamYen.line == 4 + list.places.firstIndex(of: hamYen)!)
        #expect(hamYen.formerNames.map(\.text).contains("xã Tân Thành (huyện Hàm Yên)"))
        #expect(hamYen.formerNames.first { $0.name == "Tân Thành" }?.district == "Hàm Yên")
        #expect(list.groups.contains("Na Hang (cũ)"))
    }

    @Test func aMissingFolderIsAnEmptyList() throws {
        #expect(try PlaceListReader.load(directory: Fixtures.path("places/none")).isEmpty)
    }

    @Test func aWrongHeaderIsRefusedOnItsLine() {
        let error = problem("# source\n# more\ncode,name,kind,province,group,former_names\n")
        #expect(error?.line == 3)
        #expect(error?.description.hasPrefix("t.csv:3: the header must be code,name,type") == true)
    }

    @Test func anUnknownTypeIsRefused() {
        let error = problem("\(Self.header)\n,Yên Hoa,xã,Tuyên Quang,,\n,Na Hang,huyện,Tuyên Quang,,\n")
        #expect(
            error == PlaceListError(path: "t.csv", line: 3, message: "unknown type 'huyện'; use xã, phường or đặc khu"))
    }

    @Test func aNameTwiceInOneProvinceIsRefused() {
        let error = problem("\(Self.header)\n,Yên Hoa,xã,Tuyên Quang,,\n,yên hoa,phường,Tuyên Quang,,\n")
        #expect(error?.line == 3)
        #expect(error?.message.contains("already a unit of Tuyên Quang (line 2)") == true)
    }

    @Test func aFormerNameClaimedByTwoUnitsIsRefused() {
        let text = """
            \(Self.header)
            ,Hàm Yên,xã,Tuyên Quang,,xã Tân Thành
            ,Tân Quang,xã,Tuyên Quang,,xã Tân Lập; xã Tân Thành
            """
        let error = problem(text)
        #expect(error?.line == 3)
        #expect(error?.message.contains("'xã Tân Thành' is already claimed by xã Hàm Yên (line 2)") == true)
        // Two old units of one name told apart by their district are fine.
        let apart = text.replacingOccurrences(of: "xã Tân Thành\n", with: "xã Tân Thành (huyện Hàm Yên)\n")
        #expect(problem(apart) == nil)
    }

    @Test func aFormerNameWithoutItsTypeIsRefused() {
        let error = problem("\(Self.header)\n,Yên Hoa,xã,Tuyên Quang,,Khâu Tinh\n")
        #expect(error?.line == 2)
        #expect(error?.message.contains("must start with its old type") == true)
    }

    @Test func bytesThatAreNotUTF8AreRefusedOnTheirLine() {
        var bytes = Array("\(Self.header)\n,Yên Hoa,xã,Tuyên Quang,,\n,".utf8)
        bytes += [0xC3, 0x28] + Array(",xã,Tuyên Quang,,\n".utf8)
        #expect(throws: PlaceListError(path: "t.csv", line: 3, message: "the line is not UTF-8 text; save it as UTF-8"))
        {
            try PlaceListReader.read(bytes, path: "t.csv")
        }
    }

    @Test func decomposedTextIsNormalisedToNFC() throws {
        let decomposed = "Yên Hoa".decomposedStringWithCanonicalMapping
        let list = try read("\(Self.header)\n,\(decomposed),xã,Tuyên Quang,,\n")
        #expect(
            list.places[0].name.unicodeScalars.elementsEqual(
                "Yên Hoa".precomposedStringWithCanonicalMapping.unicodeScalars))
        #expect(list.place(named: "Yên Hoa") != nil)
    }

    @Test func otherMistakesNameTheirLine() {
        let cases: [(String, String)] = [
            (",,xã,Tuyên Quang,,", "the name is empty"),
            (",Yên Hoa,xã,,,", "the province is empty"),
            ("12a,Yên Hoa,xã,Tuyên Quang,,", "the code '12a' is not made of digits"),
            (
                ",Xã Yên Hoa,xã,Tuyên Quang,,",
                "write the name 'Xã Yên Hoa' without its type word; the type is its own column"
            ),
            (",Yên Hoa,xã,Tuyên Quang", "the line has 4 columns, the header 6"),
        ]
        for (row, message) in cases {
            #expect(problem("\(Self.header)\n\(row)\n") == PlaceListError(path: "t.csv", line: 2, message: message))
        }
        #expect(problem("# only comments\n")?.line == 1)
    }

    @Test func aBadFileStopsStartUp() async throws {
        // given a places folder with a broken list
        let folder = NSTemporaryDirectory() + "places-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try Data("\(Self.header)\n,Yên Hoa,xã,Tuyên Quang,,\n,Yên Hoa,xã,Tuyên Quang,,\n".utf8)
            .write(to: URL(fileURLWithPath: folder + "/a.csv"))
        // when the server starts, then it stops with path:line
        await #expect(throws: PlaceListError.self) { _ = try await TestApp.services(places: folder) }
        do {
            _ = try await TestApp.services(places: folder)
        } catch let error as PlaceListError {
            #expect(error.description.hasPrefix("\(folder)/a.csv:3: 'Yên Hoa' is already a unit"))
        }
    }
}
