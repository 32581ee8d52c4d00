import GRDB

extension Migrations {
    /// Issue 8: the append-only audit log, and the indexes that keep completion reports fast over 10,000 learners.
    ///
    /// Registered by one line at the end of `Migrations.migrator`, so this file can grow without touching that one.
    static func registerReports(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v6-reports-audit") { db in
            try db.create(table: "audit_log") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("at", .datetime).notNull()
                // No foreign key: an entry must outlive anything it names, and a cascade would have to update it.
                t.column("actor_id", .integer)
                t.column("actor_name", .text).notNull().defaults(to: "")
                t.column("action", .text).notNull()
                t.column("target", .text).notNull().defaults(to: "")
                t.column("detail", .text).notNull().defaults(to: "")
                t.column("address", .text).notNull().defaults(to: "")
            }
            try db.create(index: "audit_log_by_time", on: "audit_log", columns: ["at"])
            try db.create(index: "audit_log_by_action", on: "audit_log", columns: ["action", "at"])
            try db.create(index: "audit_log_by_actor", on: "audit_log", columns: ["actor_id", "at"])
            // Append-only, enforced by the database itself: no code path and no mistake can rewrite history.
            for (event, name) in [("UPDATE", "audit_log_no_update"), ("DELETE", "audit_log_no_delete")] {
                try db.execute(
                    sql: """
                        CREATE TRIGGER \(name) BEFORE \(event) ON audit_log
                        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END
                        """)
            }
            // Completion reports scan one course's enrolments and look up, per person, passed required quizzes and a
            // valid certificate (lesson views and attempts already have indexes that start with the user).
            try db.create(
                index: "enrollment_for_report", on: "enrollment", columns: ["course_slug", "user_id", "enrolled_at"])
            try db.execute(
                sql: """
                    CREATE INDEX attempt_by_course ON attempt (course_slug, module_slug, user_id, passed)
                    """)
            try db.execute(
                sql: """
                    CREATE INDEX certificate_valid_by_course ON certificate (course_slug, user_id)
                    WHERE revoked_at IS NULL
                    """)
            // Dashboards count the certificates issued this month across courses.
            try db.create(index: "certificate_by_issue_time", on: "certificate", columns: ["issued_at"])
        }
    }
}
