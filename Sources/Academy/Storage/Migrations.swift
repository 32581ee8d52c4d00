import GRDB

/// Append-only schema history. Never edit a registered migration: add a new one.
/// Table names are strings, never model types, so old migrations keep meaning what they meant.
enum Migrations {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-settings") { db in
            // Small facts about this installation (its id, when it was created).
            try db.create(table: "app_setting") { t in
                t.primaryKey("key", .text)
                t.column("value", .text).notNull()
            }
            try db.execute(
                sql: "INSERT INTO app_setting (key, value) VALUES ('created_at', strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))"
            )
        }
        migrator.registerMigration("v2-accounts") { db in
            try db.create(table: "user") { t in
                t.autoIncrementedPrimaryKey("id")
                // Stable public identity of the person, used as the certificate subject (urn:uuid:…).
                t.column("uuid", .text).notNull().unique()
                t.column("username", .text).notNull().unique(onConflict: .abort).collate(.nocase)
                t.column("full_name", .text).notNull()
                // Lower-case, without diacritics: "nguyen van an" finds "Nguyễn Văn An".
                t.column("search_name", .text).notNull()
                t.column("role", .text).notNull().check { ["learner", "trainer", "hr", "admin"].contains($0) }
                t.column("district", .text).notNull().defaults(to: "")
                t.column("commune", .text).notNull().defaults(to: "")
                t.column("position", .text).notNull().defaults(to: "")
                t.column("phone", .text)
                t.column("email", .text)
                t.column("password_hash", .text).notNull()
                t.column("must_change_password", .boolean).notNull().defaults(to: false)
                t.column("active", .boolean).notNull().defaults(to: true)
                t.column("created_at", .datetime).notNull()
                t.column("updated_at", .datetime).notNull()
            }
            try db.create(index: "user_on_place", on: "user", columns: ["district", "commune"])
            try db.create(index: "user_on_search_name", on: "user", columns: ["search_name"])
            try db.create(table: "session") { t in
                t.autoIncrementedPrimaryKey("id")
                // SHA-256 of the token: a stolen database does not hold usable sessions.
                t.column("token_hash", .text).notNull().unique()
                t.column("user_id", .integer).notNull().indexed().references("user", onDelete: .cascade)
                t.column("kind", .text).notNull().check { ["cookie", "bearer"].contains($0) }
                t.column("created_at", .datetime).notNull()
                t.column("last_seen_at", .datetime).notNull()
                t.column("expires_at", .datetime).notNull()
            }
            try db.create(table: "enrollment") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("user_id", .integer).notNull().references("user", onDelete: .cascade)
                t.column("course_slug", .text).notNull().indexed()
                t.column("enrolled_at", .datetime).notNull()
                t.column("enrolled_by", .integer).references("user", onDelete: .setNull)
                t.uniqueKey(["user_id", "course_slug"])
            }
            try db.create(table: "lesson_view") { t in
                t.column("user_id", .integer).notNull().references("user", onDelete: .cascade)
                t.column("course_slug", .text).notNull()
                t.column("module_slug", .text).notNull()
                t.column("first_opened_at", .datetime).notNull()
                t.column("last_opened_at", .datetime).notNull()
                t.primaryKey(["user_id", "course_slug", "module_slug"])
            }
        }
        migrator.registerMigration("v3-quizzes") { db in
            // The questions and settings of a quiz as they were at one content version: attempts are graded
            // against these, so editing a course never changes a result already given.
            try db.create(table: "quiz_version") { t in
                t.column("course_slug", .text).notNull()
                t.column("module_slug", .text).notNull()
                t.column("content_version", .text).notNull()
                t.column("quiz_json", .jsonText).notNull()
                t.column("created_at", .datetime).notNull()
                t.primaryKey(["course_slug", "module_slug", "content_version"])
            }
            try db.create(table: "attempt") { t in
                t.primaryKey("id", .text)
                t.column("user_id", .integer).notNull().references("user", onDelete: .cascade)
                t.column("course_slug", .text).notNull()
                t.column("module_slug", .text).notNull()
                t.column("content_version", .text).notNull()
                t.column("number", .integer).notNull()
                // The questions asked, in order, each with its choices in the order shown.
                t.column("layout_json", .jsonText).notNull()
                t.column("started_at", .datetime).notNull()
                t.column("deadline", .datetime)
                t.column("submitted_at", .datetime)
                t.column("score", .double)
                t.column("max_score", .double)
                t.column("percent", .double)
                t.column("passed", .boolean)
                t.column("result_json", .jsonText)
                t.foreignKey(
                    ["course_slug", "module_slug", "content_version"],
                    references: "quiz_version", columns: ["course_slug", "module_slug", "content_version"])
            }
            try db.create(
                index: "attempt_by_learner", on: "attempt", columns: ["user_id", "course_slug", "module_slug"])
            // At most one open attempt per learner and quiz, even when two tabs start one at the same moment.
            try db.execute(
                sql: """
                    CREATE UNIQUE INDEX attempt_one_open ON attempt (user_id, course_slug, module_slug)
                    WHERE submitted_at IS NULL
                    """)
            try db.create(table: "answer") { t in
                t.column("attempt_id", .text).notNull().references("attempt", onDelete: .cascade)
                t.column("question_id", .text).notNull()
                t.column("response_json", .jsonText).notNull()
                t.column("saved_at", .datetime).notNull()
                t.primaryKey(["attempt_id", "question_id"])
            }
        }
        migrator.registerMigration("v4-certificates") { db in
            // Public halves of every signing key ever used; private keys live in files under data/keys (0600).
            try db.create(table: "signing_key") { t in
                t.primaryKey("kid", .text)
                t.column("public_pem", .text).notNull()
                t.column("fingerprint", .text).notNull()
                t.column("created_at", .datetime).notNull()
                t.column("retired_at", .datetime)
            }
            try db.create(table: "certificate") { t in
                t.primaryKey("code", .text)
                t.column("user_id", .integer).notNull().references("user", onDelete: .restrict)
                t.column("course_slug", .text).notNull()
                t.column("content_version", .text).notNull()
                t.column("holder_name", .text).notNull()
                t.column("course_title", .text).notNull()
                t.column("issued_at", .datetime).notNull()
                t.column("kid", .text).notNull().references("signing_key")
                // The signed credential exactly as issued; never re-serialised.
                t.column("jwt", .text).notNull()
                t.column("revoked_at", .datetime)
                t.column("revoked_reason", .text)
                t.column("revoked_by", .integer).references("user", onDelete: .setNull)
                t.uniqueKey(["user_id", "course_slug", "content_version"])
            }
            try db.create(index: "certificate_by_course", on: "certificate", columns: ["course_slug", "issued_at"])
        }
        migrator.registerMigration("v5-authoring") { db in
            // Every publish of a course from the browser: who, when, and every file as it was, so any earlier
            // version can be compared and restored.
            try db.create(table: "course_publish") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("course_slug", .text).notNull().indexed()
                t.column("content_version", .text).notNull()
                t.column("published_by", .integer).references("user", onDelete: .setNull)
                t.column("publisher_name", .text).notNull()
                t.column("published_at", .datetime).notNull()
                t.column("note", .text).notNull().defaults(to: "")
                t.column("files_json", .jsonText).notNull()
            }
        }
        registerReports(&migrator)
        migrator.registerMigration("v7-certificate-outbox") { db in
            // Certificates a grading transaction has promised (the learner's result already names the code) and the
            // signer has not yet signed: signing stays out of the shared write transaction of a batch, and a row
            // left by a crash is signed at the next start-up (`CertificateSigner`). At most one per learner and
            // course version, as for issued certificates.
            try db.create(table: "certificate_outbox") { t in
                t.primaryKey("code", .text)
                t.column("user_id", .integer).notNull().references("user", onDelete: .cascade)
                t.column("course_slug", .text).notNull()
                t.column("content_version", .text).notNull()
                t.column("course_title", .text).notNull()
                // Everything the credential says but the key id, as JSON (`CredentialInput`).
                t.column("credential", .jsonText).notNull()
                t.uniqueKey(["user_id", "course_slug", "content_version"])
            }
        }
        registerPlaces(&migrator)
        registerDrafts(&migrator)
        registerCertificatePDF(&migrator)
        return migrator
    }
}
