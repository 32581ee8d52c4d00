import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import ZIPFoundation

@testable import Academy

/// Course ZIPs that inflate to far more than they look like (issue 13): refused while inflating, nothing kept.
extension AuthoringTests {
    /// A course ZIP with one more entry of `size` zero bytes (deflated to almost nothing).
    func courseZip(extra path: String, size: Int) throws -> Data {
        let archive = try Archive(accessMode: .create)
        let zeros = Data(count: size)
        for (name, data) in [
            ("sample/course.yaml", Data("title: X\nmodules:\n  - slug: a\n    title: A\n    lesson: l.md\n".utf8)),
            ("sample/l.md", Data("# A\n".utf8)), (path, zeros),
        ] {
            try archive.addEntry(
                with: name, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate
            ) { position, size in data.subdata(in: Int(position)..<Int(position) + size) }
        }
        return try #require(archive.data)
    }

    @Test func aZipThatInflatesPastTheLimitIsRefusedAndLeavesNothing() async throws {
        let (root, services, trainer) = try await setUp()
        // given: 60 MiB of zeros, about 60 KB compressed
        let zip = try courseZip(extra: "sample/media/big.bin", size: 60 * 1024 * 1024)
        #expect(zip.count < 200_000)
        try await TestApp.router(services).test(.router) { client in
            // when
            let response = try await upload(client, trainer, zip)
            // then
            #expect(response.status == .badRequest)
            #expect(response.text.contains("50 MB"))
            #expect(!FileManager.default.fileExists(atPath: root + "/.drafts/sample"))
            let drafts = (try? FileManager.default.contentsOfDirectory(atPath: root + "/.drafts")) ?? []
            #expect(drafts.isEmpty, "no staging folder left: \(drafts)")
        }
    }

    @Test func anEntryThatInflatesToMoreThanItDeclaresIsStoppedAtItsDeclaredSize() async throws {
        let (root, services, trainer) = try await setUp()
        // given: an entry of 2 MiB whose central directory record claims 1,000 bytes (a ZIP bomb's lie)
        var zip = try courseZip(extra: "sample/media/lie.bin", size: 2 * 1024 * 1024)
        // The name's last copy is in the central directory, whose record starts 46 bytes before it.
        let nameAt = try #require(zip.range(of: Data("sample/media/lie.bin".utf8), options: .backwards)).lowerBound
        let record = nameAt - 46
        #expect(zip[record..<record + 4] == Data([0x50, 0x4B, 0x01, 0x02]))
        let sizeField = record + 24
        #expect(zip[sizeField..<sizeField + 4] == Data([0, 0, 0x20, 0]), "2 MiB as declared before the lie")
        zip.replaceSubrange(sizeField..<sizeField + 4, with: [0xE8, 0x03, 0, 0])
        let lying = zip
        try await TestApp.router(services).test(.router) { client in
            // when
            let response = try await upload(client, trainer, lying)
            // then
            #expect(response.status == .badRequest)
            #expect(!FileManager.default.fileExists(atPath: root + "/.drafts/sample/media/lie.bin"))
        }
    }
}
