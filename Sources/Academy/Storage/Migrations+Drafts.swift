import GRDB

extension Migrations {
    /// Issue 16: who saved each draft file, so a trainer whose save meets someone else's is told whose text it is
    /// and when it was saved, and an explicit "keep mine" over it stays on record in the history.
    static func registerDrafts(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v9-draft-saves") { db in
            try db.create(table: "draft_save") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("course_slug", .text).notNull()
                // The file within the course folder, and the SHA-256 of the text saved (what edit forms carry).
                t.column("path", .text).notNull()
                t.column("version", .text).notNull()
                t.column("saved_by", .integer).references("user", onDelete: .setNull)
                t.column("saver_name", .text).notNull()
                t.column("saved_at", .datetime).notNull()
                // `save`, `keep_mine` (replaced someone else's text knowingly) or `merged`.
                t.column("kind", .text).notNull()
                // keep_mine and merged: whose text was replaced, and when it had been saved.
                t.column("replaced_name", .text)
                t.column("replaced_at", .datetime)
            }
            try db.create(index: "draft_save_by_file", on: "draft_save", columns: ["course_slug", "path", "version"])
        }
    }
}
