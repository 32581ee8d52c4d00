import GRDB

extension Migrations {
    /// Issue 19: certificates as signed PDFs.
    ///
    /// - Each signing key gets its X.509 certificate (and, for an imported organisation certificate, the CA chain),
    ///   published at `/keys/{kid}.crt`; a PDF's signature names it.
    /// - Each certificate gets a register number ("Số: 15/GXN"), numbered per calendar year in Vietnam and never
    ///   reused: `certificate_register` keeps the last number given each year, so even a deleted row's number is
    ///   never given again. Certificates issued before this migration are numbered in the order they were issued.
    /// - The holder's position, unit and province, the course's length and the result are recorded when the
    ///   certificate is promised (`issue_record`, JSON `IssueRecord`), so a PDF made later says what was true then.
    static func registerCertificatePDF(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v10-certificate-pdf") { db in
            try db.alter(table: "signing_key") { t in
                t.add(column: "certificate_pem", .text)
                t.add(column: "chain_pem", .text)
            }
            try db.alter(table: "certificate") { t in
                t.add(column: "register_year", .integer)
                t.add(column: "register_number", .integer)
                t.add(column: "issue_record", .jsonText)
            }
            try db.alter(table: "certificate_outbox") { t in
                t.add(column: "issue_record", .jsonText)
            }
            try db.create(table: "certificate_register") { t in
                t.primaryKey("year", .integer)
                t.column("last_number", .integer).notNull()
            }
            // Vietnam's calendar year (UTC+7, no summer time) of each issue, in issue order.
            try db.execute(
                sql: """
                    UPDATE certificate SET register_year = CAST(strftime('%Y', issued_at, '+7 hours') AS INTEGER)
                    """)
            try db.execute(
                sql: """
                    UPDATE certificate SET register_number = (
                        SELECT COUNT(*) FROM certificate AS earlier
                        WHERE earlier.register_year = certificate.register_year
                          AND (earlier.issued_at < certificate.issued_at
                               OR (earlier.issued_at = certificate.issued_at AND earlier.code <= certificate.code)))
                    """)
            try db.execute(
                sql: """
                    INSERT INTO certificate_register (year, last_number)
                    SELECT register_year, MAX(register_number) FROM certificate GROUP BY register_year
                    """)
            try db.create(
                index: "certificate_by_register", on: "certificate", columns: ["register_year", "register_number"],
                unique: true)
        }
    }
}
