import Foundation
import Signing
import Yams

extension CourseLoader {
    static func isSlug(_ text: String) -> Bool {
        !text.isEmpty && text.count <= 80 && !text.hasPrefix("-")
            && text.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }

    /// A file named in course.yaml, as a path inside the course folder; nil (with a problem) if it is missing or
    /// would lead outside the folder.
    func resolve(_ relative: String, in directory: String, node: Node?, reader: inout YAMLReader) -> String? {
        let parts = relative.split(separator: "/", omittingEmptySubsequences: false)
        if relative.hasPrefix("/") || relative.contains("\\") || parts.contains(where: { $0 == ".." || $0.isEmpty }) {
            reader.problem(node, "'\(relative)' must be a path inside the course folder, such as lessons/01.md")
            return nil
        }
        let path = (directory as NSString).appendingPathComponent(relative)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else {
            reader.problem(node, "file '\(relative)' does not exist in the course folder")
            return nil
        }
        let real = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        let root = URL(fileURLWithPath: directory).resolvingSymlinksInPath().path
        guard real.hasPrefix(root + "/") else {
            reader.problem(node, "'\(relative)' links to a file outside the course folder")
            return nil
        }
        return path
    }

    /// The text of a file, which must be UTF-8.
    static func readText(_ path: String, reader: inout YAMLReader, node: Node? = nil) -> String? {
        guard let data = FileManager.default.contents(atPath: path) else {
            if node == nil {
                reader.problem(line: 1, "cannot read \(path)")
            } else {
                reader.problem(node, "cannot read \(path)")
            }
            return nil
        }
        guard let text = String(validating: data, as: UTF8.self) else {
            let line = data.prefix { _ in true }.split(separator: 10, omittingEmptySubsequences: false)
                .firstIndex { String(validating: $0, as: UTF8.self) == nil }
            reader.problems.append(
                CourseProblem(path: path, line: (line ?? 0) + 1, message: "the file is not valid UTF-8 text"))
            return nil
        }
        return text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
    }

    /// Every image in `media/`, by file name. Links and hidden files are left out.
    static func mediaFiles(_ directory: String) -> [String: String] {
        let folder = (directory as NSString).appendingPathComponent("media")
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return [:] }
        var media: [String: String] = [:]
        for name in names where !name.hasPrefix(".") {
            let path = (folder as NSString).appendingPathComponent(name)
            guard imageExtensions.contains((name as NSString).pathExtension.lowercased()),
                let attributes = try? FileManager.default.attributesOfItem(atPath: path),
                attributes[.type] as? FileAttributeType == .typeRegular
            else { continue }
            media[name] = path
        }
        return media
    }

    /// Each `![…](media/x.png)` in a lesson must name an image that exists in `media/`.
    static func checkImages(_ markdown: String, lessonPath: String, directory: String) -> [CourseProblem] {
        let media = mediaFiles(directory)
        var problems: [CourseProblem] = []
        for (index, line) in markdown.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var rest = line[...]
            while let start = rest.range(of: "](media/") {
                let after = rest[start.upperBound...]
                let name = after.prefix { $0 != ")" && $0 != " " }
                if media[String(name)] == nil {
                    problems.append(
                        CourseProblem(
                            path: lessonPath, line: index + 1,
                            message: "image 'media/\(name)' is not in the media folder"))
                }
                rest = after
            }
        }
        return problems
    }

    /// A hash over every file of the course (names and contents): any edit gives a new content version.
    static func contentVersion(_ directory: String) -> String {
        var bytes: [UInt8] = []
        let root = URL(fileURLWithPath: directory).standardizedFileURL
        let walker = FileManager.default.enumerator(
            at: root, includingPropertiesForKeys: nil, options: [.skipsHiddenFiles])
        var files: [URL] = []
        while let url = walker?.nextObject() as? URL {
            if (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true { files.append(url) }
        }
        for url in files.sorted(by: { $0.path < $1.path }) {
            bytes += Array(url.standardizedFileURL.path.dropFirst(root.path.count).utf8) + [0]
            bytes += Digest.sha256((try? Data(contentsOf: url)).map { [UInt8]($0) } ?? [])
        }
        return String(Digest.sha256Hex(bytes).prefix(12))
    }
}
