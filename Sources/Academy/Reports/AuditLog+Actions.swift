import Foundation

/// The entries some actions write, shaped here so that the code that acts needs one line for them.
extension AuditLog {
    /// A person as entries name them: "Full Name (username)", readable even if the account changes later.
    static func describe(_ user: User) -> String { "\(user.fullName) (\(user.username))" }

    /// A failed sign-in, and whether this failure started the throttle. The target is the username as typed
    /// (shortened); the password is never recorded.
    func signInFailed(username: String, throttled: Bool, context: AppRequestContext) async throws {
        let target = String(Text.clean(username).prefix(64))
        let actor = context.user.map(AuditActor.init) ?? .anonymous
        try await database.writer.write { db in
            try Self.record(db, .signInFailed, actor: actor, target: target, address: context.remoteAddress)
            if throttled {
                try Self.record(db, .signInThrottled, actor: actor, target: target, address: context.remoteAddress)
            }
        }
    }

    /// A bulk import that was written: its counts (never the generated passwords). Dry runs and refused files
    /// change nothing and are not recorded.
    func imported(_ report: UserImport.Report, via channel: String, context: AppRequestContext) async throws {
        guard report.applied else { return }
        try await record(.usersImported, target: channel, detail: Self.describe(report), context: context)
    }

    /// An import's counts: created, updated, unchanged, and how many rows enrolled someone in a course.
    public static func describe(_ report: UserImport.Report) -> String {
        let enrolled = report.rows.filter { $0.enrolledIn != nil }.count
        return "created \(report.created), updated \(report.updated), unchanged \(report.unchanged), "
            + "enrolled \(enrolled)"
    }

    /// What a reload found: how many courses are served and how many were refused.
    static func describe(_ snapshot: CourseCatalog.Snapshot) -> String {
        "\(snapshot.courses.count) loaded, \(snapshot.failures.count) refused"
    }
}
