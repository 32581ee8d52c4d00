import Foundation
import GRDB

/// Who saved which text of a draft file, and how (issue 16, point 7): the conflict page names the person whose
/// text a save met, and the history lists the saves not yet published, an overwrite chosen knowingly included.
struct DraftLog: Sendable {
    let database: AppDatabase

    /// One save of one file.
    struct Save: Sendable, Equatable {
        enum Kind: String, Sendable {
            case save
            /// "Keep mine": someone else's text replaced on purpose.
            case keepMine = "keep_mine"
            /// A text merged by hand from both versions.
            case merged
        }

        var path: String
        var version: String
        var saverName: String
        var savedAt: Date
        var kind: Kind
        var replacedName: String?
        var replacedAt: Date?
    }

    /// Records a save; an overwrite on purpose is also written to the audit log.
    func record(_ slug: String, _ save: Save, by user: User) async throws {
        try await database.writer.write { db in
            try db.execute(
                sql: """
                    INSERT INTO draft_save (course_slug, path, version, saved_by, saver_name, saved_at, kind,
                    replaced_name, replaced_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    slug, save.path, save.version, user.id, save.saverName, save.savedAt, save.kind.rawValue,
                    save.replacedName, save.replacedAt,
                ])
            if save.kind == .keepMine {
                try AuditLog.record(
                    db, .draftOverwritten, actor: AuditActor(user), target: "\(slug)/\(save.path)",
                    detail: save.replacedName.map { "\($0) \(save.replacedAt.map(Timestamp.text) ?? "")" } ?? "")
            }
        }
    }

    /// The latest save that left `path` with exactly the text whose hash is `version`.
    func saved(_ slug: String, _ path: String, version: String) async throws -> Save? {
        try await database.writer.read { db in
            try Row.fetchOne(
                db,
                sql: """
                    SELECT * FROM draft_save WHERE course_slug = ? AND path = ? AND version = ?
                    ORDER BY id DESC LIMIT 1
                    """,
                arguments: [slug, path, version]
            ).map(Self.save)
        }
    }

    /// Every save of a course after `date` (the last publish), newest first.
    func saves(_ slug: String, after date: Date?) async throws -> [Save] {
        try await database.writer.read { db in
            try Row.fetchAll(
                db,
                sql: "SELECT * FROM draft_save WHERE course_slug = ? AND saved_at > ? ORDER BY id DESC LIMIT 200",
                arguments: [slug, date ?? .distantPast]
            ).map(Self.save)
        }
    }

    static func save(_ row: Row) -> Save {
        Save(
            path: row["path"], version: row["version"], saverName: row["saver_name"], savedAt: row["saved_at"],
            kind: Save.Kind(rawValue: row["kind"]) ?? .save, replacedName: row["replaced_name"],
            replacedAt: row["replaced_at"])
    }
}

extension AuthoringController {
    /// The record of draft saves (a view over the database the publisher already holds).
    var log: DraftLog { DraftLog(database: publisher.database) }
}
