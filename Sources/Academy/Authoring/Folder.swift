import Foundation

/// File operations for course folders: atomic writes, whole-folder copies and swaps, safe relative paths.
enum Folder {
    /// A relative path that stays inside its folder: no `..`, no absolute path, no backslash, no hidden parts.
    static func isSafe(_ relative: String) -> Bool {
        guard !relative.isEmpty, relative.count < 300, !relative.hasPrefix("/"), !relative.contains("\\"),
            !relative.contains("\0")
        else { return false }
        return relative.split(separator: "/", omittingEmptySubsequences: false).allSatisfy {
            !$0.isEmpty && $0 != "." && $0 != ".." && !$0.hasPrefix(".")
        }
    }

    /// Write aside, then rename: a reader sees the old file or the new one, never half of one.
    static func writeAtomically(_ data: Data, to path: String) throws {
        let temporary = path + ".tmp-\(UUID().uuidString.prefix(8))"
        try data.write(to: URL(fileURLWithPath: temporary))
        if rename(temporary, path) != 0 {
            try? FileManager.default.removeItem(atPath: temporary)
            throw CocoaError(.fileWriteUnknown)
        }
    }

    /// Copies a folder (regular files and sub-folders only; links are not followed).
    static func copy(_ source: String, to destination: String) throws {
        let manager = FileManager.default
        try manager.createDirectory(atPath: destination, withIntermediateDirectories: true)
        for relative in try files(in: source) {
            let target = destination + "/" + relative
            try manager.createDirectory(
                atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try manager.copyItem(atPath: source + "/" + relative, toPath: target)
        }
    }

    /// Every regular file below a folder, as sorted relative paths (hidden files and links left out).
    static func files(in folder: String) throws -> [String] {
        let root = URL(fileURLWithPath: folder).standardizedFileURL
        guard
            let walker = FileManager.default.enumerator(
                at: root, includingPropertiesForKeys: [.isRegularFileKey, .isSymbolicLinkKey],
                options: [.skipsHiddenFiles])
        else { return [] }
        var result: [String] = []
        for case let url as URL in walker {
            let values = try url.resourceValues(forKeys: [.isRegularFileKey, .isSymbolicLinkKey])
            guard values.isRegularFile == true, values.isSymbolicLink != true else { continue }
            result.append(String(url.standardizedFileURL.path.dropFirst(root.path.count + 1)))
        }
        return result.sorted()
    }

    /// Replaces `folder` by `staging` with renames, so the folder is always whole.
    static func swap(_ staging: String, into folder: String) throws {
        // Hidden names (a leading dot), so the course loader never mistakes them for courses.
        let parent = (folder as NSString).deletingLastPathComponent
        let name = (folder as NSString).lastPathComponent
        let tag = UUID().uuidString.prefix(8)
        let previous = "\(parent)/.\(name).previous-\(tag)"
        let moved = "\(parent)/.\(name).incoming-\(tag)"
        let manager = FileManager.default
        let existed = manager.fileExists(atPath: folder)
        try manager.moveItem(atPath: staging, toPath: moved)
        if existed { try manager.moveItem(atPath: folder, toPath: previous) }
        try manager.moveItem(atPath: moved, toPath: folder)
        if existed { try? manager.removeItem(atPath: previous) }
    }

    /// The files of a folder as path → contents.
    static func snapshot(_ folder: String) throws -> [String: Data] {
        var result: [String: Data] = [:]
        for relative in try files(in: folder) {
            result[relative] = try Data(contentsOf: URL(fileURLWithPath: folder + "/" + relative))
        }
        return result
    }
}
