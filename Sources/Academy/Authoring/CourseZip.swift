import Foundation
import ZIPFoundation

/// Course folders as ZIP files: export the published folder; import a ZIP as a draft, refused whole when any
/// entry could escape its folder or the course is not valid.
enum CourseZip {
    static let maxEntries = 2_000
    static let maxTotalBytes: UInt64 = 50 * 1024 * 1024

    static func export(folder: String, slug: String) throws -> Data {
        let archive = try Archive(accessMode: .create)
        for relative in try Folder.files(in: folder) {
            let data = try Data(contentsOf: URL(fileURLWithPath: folder + "/" + relative))
            try archive.addEntry(
                with: "\(slug)/\(relative)", type: .file, uncompressedSize: Int64(data.count),
                compressionMethod: .deflate
            ) { position, size in data.subdata(in: Int(position)..<Int(position) + size) }
        }
        return archive.data ?? Data()
    }

    /// Checks every entry's name first, then inflates the entries one by one straight into a staging folder,
    /// counting the bytes as they come: an entry that gives more than it declared, or a whole over
    /// `maxTotalBytes`, stops at once (a ZIP bomb declares small sizes and inflates to gigabytes). Nothing is held
    /// in memory but the upload itself. Then validates the course and makes it the draft. Blocking: call it off
    /// the event loops. Returns the course's slug (the ZIP's top folder).
    static func importDraft(_ zip: Data, into drafts: DraftStore, replacingDraft: Bool) throws -> String {
        guard let archive = try? Archive(data: zip, accessMode: .read) else { throw AuthoringError.badZip("not_zip") }
        var entries: [Entry] = []
        var declared: UInt64 = 0
        for entry in archive {
            guard entries.count < maxEntries else { throw AuthoringError.badZip("too_many") }
            if entry.type == .directory { continue }
            guard entry.type == .file else { throw AuthoringError.badZip("escape") }
            guard Folder.isSafe(entry.path) else { throw AuthoringError.badZip("escape") }
            declared += entry.uncompressedSize
            guard declared <= maxTotalBytes else { throw AuthoringError.badZip("too_big") }
            entries.append(entry)
        }
        let tops = Set(entries.compactMap { $0.path.split(separator: "/").first.map(String.init) })
        guard tops.count == 1, let slug = tops.first, CourseLoader.isSlug(slug) else {
            throw AuthoringError.badZip("one_folder")
        }
        guard entries.contains(where: { $0.path == "\(slug)/course.yaml" }) else {
            throw AuthoringError.badZip("no_course_yaml")
        }
        guard replacingDraft || !drafts.hasDraft(slug) else { throw AuthoringError.draftExists(slug) }
        let staging = drafts.draftsRoot + "/.\(slug).import-\(UUID().uuidString.prefix(8))"
        defer { try? FileManager.default.removeItem(atPath: staging) }
        var total: UInt64 = 0
        for entry in entries {
            let target = staging + "/" + entry.path.dropFirst(slug.count + 1)
            try FileManager.default.createDirectory(
                atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            guard FileManager.default.createFile(atPath: target, contents: nil) else {
                throw CocoaError(.fileWriteUnknown)
            }
            let file = try FileHandle(forWritingTo: URL(fileURLWithPath: target))
            defer { try? file.close() }
            var written: UInt64 = 0
            _ = try archive.extract(entry, skipCRC32: false) { chunk in
                written += UInt64(chunk.count)
                total += UInt64(chunk.count)
                guard written <= entry.uncompressedSize, total <= maxTotalBytes else {
                    throw AuthoringError.badZip("too_big")
                }
                try file.write(contentsOf: chunk)
            }
        }
        let problems = drafts.validate(staging, slug: slug)
        guard problems.isEmpty else { throw AuthoringError.invalid(problems) }
        try FileManager.default.createDirectory(atPath: drafts.draftsRoot, withIntermediateDirectories: true)
        try Folder.swap(staging, into: drafts.draft(slug))
        return slug
    }
}
