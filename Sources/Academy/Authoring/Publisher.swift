import Foundation
import GRDB

/// Publishing: the validated draft replaces the published course whole, a new content version is served, and
/// the files are kept in the history so any version can be compared and restored.
public struct Publisher: Sendable {
    let drafts: DraftStore
    let database: AppDatabase
    let catalog: CourseCatalog

    public init(drafts: DraftStore, database: AppDatabase, catalog: CourseCatalog) {
        self.drafts = drafts
        self.database = database
        self.catalog = catalog
    }

    /// One entry of a course's history.
    public struct Entry: Sendable {
        public var id: Int64
        public var contentVersion: String
        public var publisherName: String
        public var publishedAt: Date
        public var note: String
        public var files: [String: Data]
    }

    /// Publishes the draft; existing attempts and certificates keep the version they were made against.
    @discardableResult
    public func publish(_ slug: String, by user: User, note: String = "") async throws -> String {
        let (drafts, catalog) = (self.drafts, self.catalog)
        // Validating, copying and reloading read and render every file of the courses: off the event loops.
        // One step with the draft's saves (`DraftStore.exclusive`): a save arriving meanwhile lands in the new draft
        // after the publish, never in the folder being moved.
        let (version, encoded) = try await Blocking.run {
            try drafts.exclusive(slug) {
                guard drafts.hasDraft(slug) else { throw AuthoringError.noSuchCourse(slug) }
                let problems = drafts.validate(drafts.draft(slug), slug: slug)
                guard problems.isEmpty else { throw AuthoringError.invalid(problems) }
                let files = try Folder.snapshot(drafts.draft(slug))
                let staging = drafts.draftsRoot + "/.\(slug).publishing-\(UUID().uuidString.prefix(8))"
                try Folder.copy(drafts.draft(slug), to: staging)
                try Folder.swap(staging, into: drafts.published(slug))
                try drafts.discard(slug)
                let version = catalog.reload().course(slug)?.contentVersion ?? ""
                return (version, String(decoding: try AppJSON.plain.encode(files), as: UTF8.self))
            }
        }
        try await database.writer.write { db in
            try db.execute(
                sql: """
                    INSERT INTO course_publish (course_slug, content_version, published_by, publisher_name, published_at,
                    note, files_json) VALUES (?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [slug, version, user.id, user.fullName, Date(), note, encoded])
            try AuditLog.record(
                db, .coursePublished, actor: AuditActor(user), target: slug,
                detail: note.isEmpty ? version : "\(version) (\(note))")
        }
        return version
    }

    /// Every publish of a course, newest first.
    public func history(_ slug: String) async throws -> [Entry] {
        try await database.writer.read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM course_publish WHERE course_slug = ? ORDER BY id DESC", arguments: [slug]
            ).map(Self.entry)
        }
    }

    public func entry(_ slug: String, id: Int64) async throws -> Entry? {
        try await database.writer.read { db in
            try Row.fetchOne(
                db, sql: "SELECT * FROM course_publish WHERE course_slug = ? AND id = ?", arguments: [slug, id]
            ).map(Self.entry)
        }
    }

    static func entry(_ row: Row) -> Entry {
        let json: String = row["files_json"]
        let files = (try? AppJSON.decoder.decode([String: Data].self, from: Data(json.utf8))) ?? [:]
        return Entry(
            id: row["id"], contentVersion: row["content_version"], publisherName: row["publisher_name"],
            publishedAt: row["published_at"], note: row["note"], files: files)
    }

    /// Restores an earlier version: it becomes the draft and is published as a new version.
    @discardableResult
    public func restore(_ slug: String, id: Int64, by user: User) async throws -> String {
        guard let entry = try await entry(slug, id: id) else { throw AuthoringError.noSuchCourse(slug) }
        let drafts = self.drafts
        try await Blocking.run {
            try drafts.exclusive(slug) {
                let staging = drafts.draftsRoot + "/.\(slug).restore-\(UUID().uuidString.prefix(8))"
                for (relative, data) in entry.files where Folder.isSafe(relative) {
                    let path = staging + "/" + relative
                    try FileManager.default.createDirectory(
                        atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                    try data.write(to: URL(fileURLWithPath: path))
                }
                try FileManager.default.createDirectory(atPath: drafts.draftsRoot, withIntermediateDirectories: true)
                try Folder.swap(staging, into: drafts.draft(slug))
            }
        }
        return try await publish(slug, by: user, note: "restore #\(id)")
    }
}
