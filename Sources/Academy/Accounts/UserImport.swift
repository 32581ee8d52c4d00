import Foundation
import GRDB

/// Bulk import of officials from the CSV described in API.md: every row is checked first, and nothing is written
/// unless every row is valid. Importing the same file again changes nothing.
public struct UserImport: Sendable {
    let database: AppDatabase
    let accounts: AccountStore
    /// With a list, every commune must be one of its units (or a former unit, stored as the unit that absorbed it).
    let places: PlaceList

    public init(database: AppDatabase, accounts: AccountStore, places: PlaceList = .empty) {
        self.database = database
        self.accounts = accounts
        self.places = places
    }

    static let columns = [
        "username", "full_name", "district", "commune", "position", "phone", "email", "role", "course",
        "password",
    ]

    /// What happened, or would happen, to one row.
    public struct Row: Sendable, Codable, Equatable {
        public enum Outcome: String, Sendable, Codable { case created, updated, unchanged, error }
        public var line: Int
        public var username: String
        public var fullName: String
        public var district: String
        public var commune: String
        public var outcome: Outcome
        public var message: String?
        /// Generated first password: present once, in the answer of a real (not dry-run) import.
        public var password: String?
        public var enrolledIn: String?
        /// Something done to the row that its writer should know, in English: a former unit stored as the unit
        /// that absorbed it.
        public var note: String?
        /// The problem as a code and values, for pages (not part of the JSON answer).
        public var problem: ImportProblem?
        /// The note as a code and values, for pages (not part of the JSON answer).
        public var notice: ImportProblem?

        enum CodingKeys: String, CodingKey {
            case line, username, fullName, district, commune, outcome, message, password, enrolledIn, note
        }
    }

    /// The whole report: counts, every row, and the errors with their lines.
    public struct Report: Sendable, Codable, Equatable {
        public var dryRun: Bool
        public var created = 0
        public var updated = 0
        public var unchanged = 0
        public var rows: [Row] = []
        public var errors: [LineError] = []
        public var applied: Bool { !dryRun && errors.isEmpty }
    }

    public struct LineError: Error, Sendable, Codable, Equatable {
        public var line: Int
        /// The problem in English, for the command line and the API.
        public var message: String
        /// The problem as a code and its values, for pages in the reader's language (`import_error.<code>`).
        public var code: String
        public var arguments: [String]

        init(line: Int, _ problem: ImportProblem) {
            self.line = line
            self.message = problem.english
            self.code = problem.code
            self.arguments = problem.arguments
        }

        public init(line: Int, message: String) {
            self.line = line
            self.message = message
            self.code = ""
            self.arguments = []
        }
    }

    /// One row read from the file, cleaned.
    struct Entry {
        var line: Int
        var values: [String: String]
        subscript(_ key: String) -> String { values[key] ?? "" }
    }

    /// Checks every row and, unless `dryRun` or any row fails, writes them all in one transaction.
    public func run(csv: [UInt8], dryRun: Bool, actor: User?, courses: Set<String>) async throws -> Report {
        var report = Report(dryRun: dryRun)
        let entries: [Entry]
        switch Self.read(csv) {
        case .failure(let error):
            report.errors = [error]
            return report
        case .success(let read): entries = read
        }
        let (existing, enrolled) = try await existingUsers(entries.map { $0["username"] })
        var seen: [String: Int] = [:]
        var planned: [(Entry, User?, Row)] = []
        for var entry in entries {
            let (place, notice) = placeOf(&entry)
            var row = Row(
                line: entry.line, username: entry["username"], fullName: Text.clean(entry["full_name"]),
                district: Text.clean(entry["district"]), commune: Text.clean(entry["commune"]), outcome: .error)
            let current = existing[entry["username"].lowercased()]
            row.notice = notice
            row.note = notice?.english
            let problem = Self.problem(entry, current: current, seen: seen, actor: actor, courses: courses) ?? place
            if let problem {
                row.message = problem.english
                row.problem = problem
                report.errors.append(LineError(line: entry.line, problem))
            } else {
                let newEnrolment =
                    !entry["course"].isEmpty
                    && !enrolled.contains("\(current?.id ?? -1) \(entry["course"])")
                row.outcome =
                    current == nil
                    ? .created : (Self.differs(entry, from: current) || newEnrolment ? .updated : .unchanged)
            }
            seen[entry["username"].lowercased()] = seen[entry["username"].lowercased()] ?? entry.line
            planned.append((entry, current, row))
        }
        for (_, _, row) in planned {
            switch row.outcome {
            case .created: report.created += 1
            case .updated: report.updated += 1
            case .unchanged: report.unchanged += 1
            case .error: break
            }
        }
        guard report.errors.isEmpty else {
            report.created = 0
            report.updated = 0
            report.unchanged = 0
            report.rows = planned.map { $0.2 }
            return report
        }
        if dryRun {
            report.rows = planned.map { $0.2 }
            return report
        }
        report.rows = try await apply(planned, actor: actor)
        return report
    }

    /// With a place list, the row's commune as the unit's name (and a note when it was a former unit), or the
    /// problem of a commune the list does not know. Without a list, the commune stays as written.
    private func placeOf(_ entry: inout Entry) -> (problem: ImportProblem?, notice: ImportProblem?) {
        let commune = Text.clean(entry["commune"])
        guard !places.isEmpty, !commune.isEmpty, entry.values["_error"] == nil else { return (nil, nil) }
        switch places.match(commune, district: entry["district"]) {
        case .unit(let place):
            entry.values["commune"] = place.name
            return (nil, nil)
        case .merged(let place, let former):
            entry.values["commune"] = place.name
            return (nil, ImportProblem("commune_merged", former.text, place.fullName))
        case .ambiguous(let candidates):
            let names = candidates.map(\.name).joined(separator: ", ")
            return (ImportProblem("commune_ambiguous", commune, names), nil)
        case .unknown(let suggestions) where suggestions.isEmpty:
            return (ImportProblem("commune_unknown", commune), nil)
        case .unknown(let suggestions):
            return (ImportProblem("commune_suggest", commune, suggestions.joined(separator: ", ")), nil)
        }
    }

    /// The accounts the file names that exist already, and their enrolments as "id course".
    private func existingUsers(_ usernames: [String]) async throws -> ([String: User], Set<String>) {
        let names = Array(Set(usernames.filter { !$0.isEmpty }))
        return try await database.writer.read { db in
            var found: [String: User] = [:]
            var enrolled: Set<String> = []
            for chunk in stride(from: 0, to: names.count, by: 500) {
                let part = Array(names[chunk..<min(chunk + 500, names.count)])
                let users = try User.filter(part.contains(User.Columns.username)).fetchAll(db)
                for user in users { found[user.username.lowercased()] = user }
                let ids = users.compactMap(\.id)
                let rows = try GRDB.Row.fetchAll(
                    db,
                    sql:
                        "SELECT user_id, course_slug FROM enrollment WHERE user_id IN (\(ids.map { _ in "?" }.joined(separator: ",")))",
                    arguments: StatementArguments(ids))
                for row in rows { enrolled.insert("\(row["user_id"] as Int64) \(row["course_slug"] as String)") }
            }
            return (found, enrolled)
        }
    }
}
