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
                with: "\(slug)/\(relative)", type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate
            ) { position, size in data.subdata(in: Int(position)..<Int(position) + size) }
        }
        return archive.data ?? Data()
    }

    /// Reads every entry into memory after checking it, then validates the course and makes it the draft.
    /// Returns the course's slug (the ZIP's top folder).
    static func importDraft(_ zip: Data, into drafts: DraftStore, replacingDraft: Bool) throws -> String {
        guard let archive = try? Archive(data: zip, accessMode: .read) else { throw AuthoringError.badZip("not_zip") }
        var files: [String: Data] = [:]
        var total: UInt64 = 0
        var count = 0
        for entry in archive {
            count += 1
            guard count <= maxEntries else { throw AuthoringError.badZip("too_many") }
            if entry.type == .directory { continue }
            guard entry.type == .file else { throw AuthoringError.badZip("escape") }
            guard Folder.isSafe(entry.path) else { throw AuthoringError.badZip("escape") }
            total += entry.uncompressedSize
            guard total <= maxTotalBytes else { throw AuthoringError.badZip("too_big") }
            var data = Data()
            _ = try archive.extract(entry, skipCRC32: false) { data.append($0) }
            files[entry.path] = data
        }
        let tops = Set(files.keys.compactMap { $0.split(separator: "/").first.map(String.init) })
        guard tops.count == 1, let slug = tops.first, CourseLoader.isSlug(slug) else {
            throw AuthoringError.badZip("one_folder")
        }
        guard files["\(slug)/course.yaml"] != nil else { throw AuthoringError.badZip("no_course_yaml") }
        guard replacingDraft || !drafts.hasDraft(slug) else { throw AuthoringError.draftExists(slug) }
        let staging = drafts.draftsRoot + "/.\(slug).import-\(UUID().uuidString.prefix(8))"
        defer { try? FileManager.default.removeItem(atPath: staging) }
        for (path, data) in files {
            let target = staging + "/" + path.dropFirst(slug.count + 1)
            try FileManager.default.createDirectory(
                atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try data.write(to: URL(fileURLWithPath: target))
        }
        let problems = drafts.validate(staging, slug: slug)
        guard problems.isEmpty else { throw AuthoringError.invalid(problems) }
        try FileManager.default.createDirectory(atPath: drafts.draftsRoot, withIntermediateDirectories: true)
        try Folder.swap(staging, into: drafts.draft(slug))
        return slug
    }
}
