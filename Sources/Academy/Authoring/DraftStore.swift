import Foundation
import GRDB
import Signing
import Synchronization

/// Drafts live beside the published courses, in `Courses/.drafts/<slug>/` (hidden from learners: the loader skips
/// dot-folders). Every save is validated first and written atomically; publishing swaps the whole folder in.
public struct DraftStore: Sendable {
    let coursesDirectory: String
    let loader: CourseLoader

    public init(coursesDirectory: String, loader: CourseLoader = CourseLoader()) {
        self.coursesDirectory = coursesDirectory
        self.loader = loader
    }

    var draftsRoot: String { (coursesDirectory as NSString).appendingPathComponent(".drafts") }
    func draft(_ slug: String) -> String { (draftsRoot as NSString).appendingPathComponent(slug) }
    func published(_ slug: String) -> String { (coursesDirectory as NSString).appendingPathComponent(slug) }

    public func hasDraft(_ slug: String) -> Bool {
        FileManager.default.fileExists(atPath: draft(slug) + "/course.yaml")
    }

    /// Whether the course has a published folder (a course made in the browser has none until its first publish).
    public func isPublished(_ slug: String) -> Bool {
        FileManager.default.fileExists(atPath: published(slug) + "/course.yaml")
    }

    /// Slugs with a draft.
    public func draftSlugs() -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: draftsRoot)) ?? []).filter { hasDraft($0) }.sorted()
    }

    /// The draft folder of a course, copied from the published course the first time it is edited.
    @discardableResult
    public func ensureDraft(_ slug: String) throws -> String {
        guard CourseLoader.isSlug(slug) else { throw AuthoringError.badSlug(slug) }
        let folder = draft(slug)
        if hasDraft(slug) { return folder }
        guard isPublished(slug) else {
            throw AuthoringError.noSuchCourse(slug)
        }
        try FileManager.default.createDirectory(atPath: draftsRoot, withIntermediateDirectories: true)
        try Folder.copy(published(slug), to: folder)
        return folder
    }

    /// Reads a draft file as text (nil when it does not exist).
    public func read(_ slug: String, _ relative: String) -> String? {
        guard Folder.isSafe(relative) else { return nil }
        return try? String(contentsOfFile: draft(slug) + "/" + relative, encoding: .utf8)
    }

    /// Runs `body` while no other save, publish or restore of the course runs in this server. Every save copies
    /// the whole draft, changes the copy and swaps it in: two at once would each start from the same draft, and the
    /// later swap would drop the earlier's files. An editor's check "has anyone saved since my page was made?" and
    /// the save after it go in one `exclusive` block, so two trainers cannot both pass it. The lock is recursive
    /// (`save` takes it again inside). Blocking: call it from `Blocking.run`, never on an event loop.
    public func exclusive<T>(_ slug: String, _ body: () throws -> T) rethrows -> T {
        let lock = DraftLocks.lock(draft(slug))
        lock.lock()
        defer { lock.unlock() }
        return try body()
    }

    /// A course file as an editor sees it now: the draft's, else the published course's (nil when neither has it).
    public func current(_ slug: String, _ relative: String) -> String? {
        guard Folder.isSafe(relative) else { return nil }
        return read(slug, relative) ?? (try? String(contentsOfFile: published(slug) + "/" + relative, encoding: .utf8))
    }

    /// Writes files into a copy of the draft, validates the copy as a whole, and only then replaces the draft.
    /// Returns the validator's problems (and writes nothing) when the result would be invalid.
    public func save(_ slug: String, files: [String: Data], removing: [String] = []) throws -> [CourseProblem] {
        try exclusive(slug) { try write(slug, files: files, removing: removing) }
    }

    private func write(_ slug: String, files: [String: Data], removing: [String]) throws -> [CourseProblem] {
        let folder = try ensureDraft(slug)
        let staging = draftsRoot + "/.\(slug).staging-\(UUID().uuidString.prefix(8))"
        try Folder.copy(folder, to: staging)
        defer { try? FileManager.default.removeItem(atPath: staging) }
        for (relative, data) in files {
            guard Folder.isSafe(relative) else { throw AuthoringError.badPath(relative) }
            let path = staging + "/" + relative
            try FileManager.default.createDirectory(
                atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try Folder.writeAtomically(data, to: path)
        }
        for relative in removing where Folder.isSafe(relative) {
            try? FileManager.default.removeItem(atPath: staging + "/" + relative)
        }
        let problems = validate(staging, slug: slug)
        guard problems.isEmpty else { return problems }
        try Folder.swap(staging, into: folder)
        return []
    }

    /// The problems of a folder validated as the course `slug`, with paths shown relative to the course.
    func validate(_ folder: String, slug: String) -> [CourseProblem] {
        let named = draftsRoot + "/.check-\(UUID().uuidString.prefix(8))/" + slug
        try? FileManager.default.createDirectory(
            atPath: (named as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: (named as NSString).deletingLastPathComponent) }
        guard (try? FileManager.default.copyItem(atPath: folder, toPath: named)) != nil else {
            return [CourseProblem(path: slug, line: 1, message: "the draft cannot be read")]
        }
        return loader.load(directory: named).problems.map { problem in
            var problem = problem
            problem.path = String(problem.path.dropFirst(named.count + 1))
            return problem
        }
    }

    /// The draft's current problems (a draft can be saved only valid, but a course edited by hand may not be).
    public func problems(_ slug: String) -> [CourseProblem] {
        hasDraft(slug) ? validate(draft(slug), slug: slug) : []
    }

    /// Throws the draft away; the published course is untouched.
    public func discard(_ slug: String) throws {
        if hasDraft(slug) { try FileManager.default.removeItem(atPath: draft(slug)) }
    }

    /// A hash of a draft file, sent with every edit form to notice a later save by someone else.
    public func version(_ slug: String, _ relative: String) -> String {
        Digest.sha256Hex(Array((read(slug, relative) ?? "").utf8))
    }
}

/// One recursive lock per draft folder, for `DraftStore.exclusive`; a handful of courses, kept for the process.
enum DraftLocks {
    private static let table = Mutex<[String: NSRecursiveLock]>([:])

    static func lock(_ folder: String) -> NSRecursiveLock {
        table.withLock { locks in
            if let lock = locks[folder] { return lock }
            let lock = NSRecursiveLock()
            locks[folder] = lock
            return lock
        }
    }
}

/// Why an authoring action is refused.
public enum AuthoringError: AppErrorConvertible, Equatable {
    case badSlug(String)
    case noSuchCourse(String)
    case courseExists(String)
    case badPath(String)
    case noSuchModule(String)
    case conflict
    case invalid([CourseProblem])
    case badUpload(String)
    case badZip(String)
    case draftExists(String)

    public var appError: AppError {
        switch self {
        case .badSlug(let slug): AppError(.badRequest, "author_bad_slug", slug)
        case .noSuchCourse(let slug): AppError(.notFound, "course_not_found", slug)
        case .courseExists(let slug): AppError(.conflict, "author_course_exists", slug)
        case .badPath(let path): AppError(.badRequest, "author_bad_path", path)
        case .noSuchModule(let slug): AppError(.notFound, "module_not_found", slug)
        case .conflict: AppError(.conflict, "author_conflict")
        case .draftExists(let slug): AppError(.conflict, "author_draft_exists", slug)
        case .invalid(let problems):
            AppError(.unprocessableContent, "author_invalid", problems.map(\.description).joined(separator: "; "))
        case .badUpload(let why): AppError(.badRequest, "author_upload_\(why)")
        case .badZip(let why): AppError(.badRequest, "author_zip_\(why)")
        }
    }
}
