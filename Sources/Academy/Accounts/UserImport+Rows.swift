import Foundation
import GRDB

extension UserImport {
    /// Parses the file into entries, or the first error that makes the whole file unreadable.
    static func read(_ csv: [UInt8]) -> Result<[Entry], LineError> {
        let table: CSVTable
        do {
            table = try CSVTable(bytes: csv)
        } catch {
            return .failure(LineError(line: error.line, .init("quote_unclosed")))
        }
        guard let header = table.records.first else {
            return .failure(LineError(line: 1, .init("file_empty")))
        }
        let names = header.fields.map { ($0 ?? "").trimmingCharacters(in: .whitespaces).lowercased() }
        for (index, name) in names.enumerated() {
            if !columns.contains(name) {
                return .failure(LineError(line: header.line, .init("column_unknown", name, String(index + 1))))
            }
            if names.firstIndex(of: name) != index {
                return .failure(LineError(line: header.line, .init("column_twice", name)))
            }
        }
        for required in ["username", "full_name"] where !names.contains(required) {
            return .failure(LineError(line: header.line, .init("column_missing", required)))
        }
        var entries: [Entry] = []
        for record in table.records.dropFirst() {
            if record.hasInvalidUTF8 {
                entries.append(Entry(line: record.line, values: ["_error": "not_utf8"]))
                continue
            }
            guard record.fields.count == names.count else {
                entries.append(
                    Entry(
                        line: record.line,
                        values: [
                            "_error": "column_count", "_arg0": String(record.fields.count),
                            "_arg1": String(names.count),
                        ]))
                continue
            }
            var values: [String: String] = [:]
            for (name, field) in zip(names, record.fields) {
                values[name] = (field ?? "").trimmingCharacters(in: .whitespaces).precomposedStringWithCanonicalMapping
            }
            entries.append(Entry(line: record.line, values: values))
        }
        return .success(entries)
    }

    /// Why a row cannot be imported, in words a trainer can act on; nil when it can.
    static func problem(_ entry: Entry, current: User?, seen: [String: Int], actor: User?, courses: Set<String>)
        -> ImportProblem?
    {
        if let error = entry.values["_error"] {
            return .init(error, entry.values["_arg0"] ?? "", entry.values["_arg1"] ?? "")
        }
        let username = entry["username"]
        if username.isEmpty { return .init("username_missing") }
        if !Passwords.isValidUsername(username) { return .init("username_invalid", username) }
        if let first = seen[username.lowercased()] {
            return .init("username_repeated", username, String(first))
        }
        if Text.clean(entry["full_name"]).isEmpty { return .init("name_missing") }
        let roleName = entry["role"].isEmpty ? "learner" : entry["role"].lowercased()
        guard let role = Role(rawValue: roleName) else {
            return .init("role_unknown", entry["role"])
        }
        if actor?.role != .admin {
            if role != .learner { return .init("role_admin_only", role.rawValue) }
            if let current, current.role != .learner {
                return .init("account_admin_only", username, current.role.rawValue)
            }
        }
        if !entry["course"].isEmpty && !courses.contains(entry["course"]) {
            return .init("course_unknown", entry["course"])
        }
        let password = entry["password"]
        if !password.isEmpty && !Passwords.isAcceptable(password) { return .init("password_short") }
        let email = entry["email"]
        if !email.isEmpty && (!email.contains("@") || email.contains(" ")) { return .init("email_invalid", email) }
        return nil
    }

    /// Whether the row would change an existing account (passwords are never changed by an import).
    static func differs(_ entry: Entry, from user: User?) -> Bool {
        guard let user else { return true }
        let role = entry["role"].isEmpty ? Role.learner.rawValue : entry["role"].lowercased()
        return user.fullName != Text.clean(entry["full_name"]) || user.district != Text.clean(entry["district"])
            || user.commune != Text.clean(entry["commune"]) || user.position != Text.clean(entry["position"])
            || (user.phone ?? "") != entry["phone"] || (user.email ?? "") != entry["email"]
            || user.role.rawValue != role
    }

    /// The columns an import sets on an existing account (never its password, activity or sessions).
    static let importedColumns = [
        "full_name", "search_name", "district", "commune", "position", "phone", "email", "role", "updated_at",
    ]

    /// Hashes new passwords on every core, then writes every row and enrolment in one transaction.
    func apply(_ planned: [(Entry, User?, Row)], actor: User?) async throws -> [Row] {
        var passwords: [Int: (plain: String?, hash: String)] = [:]
        try await withThrowingTaskGroup(of: (Int, String?, String).self) { group in
            var running = 0
            for (index, item) in planned.enumerated() where item.1 == nil {
                let given = item.0["password"]
                if running >= ProcessInfo.processInfo.activeProcessorCount * 2 {
                    if let (i, plain, hash) = try await group.next() { passwords[i] = (plain, hash) }
                    running -= 1
                }
                group.addTask {
                    let plain = given.isEmpty ? try Passwords.generate() : given
                    let hash = try await accounts.hash(password: plain, oneTime: true)
                    return (index, given.isEmpty ? plain : nil, hash)
                }
                running += 1
            }
            for try await (i, plain, hash) in group { passwords[i] = (plain, hash) }
        }
        let now = Date()
        let frozen = passwords
        return try await database.writer.write { db in
            var rows: [Row] = []
            for (index, (entry, current, row)) in planned.enumerated() {
                var row = row
                var user =
                    current
                    ?? User(
                        username: entry["username"], fullName: entry["full_name"], role: .learner, passwordHash: "",
                        mustChangePassword: true, now: now)
                user.fullName = Text.clean(entry["full_name"])
                user.searchName = Text.searchKey(user.fullName + " " + user.username)
                user.district = Text.clean(entry["district"])
                user.commune = Text.clean(entry["commune"])
                user.position = Text.clean(entry["position"])
                user.phone = entry["phone"].isEmpty ? nil : entry["phone"]
                user.email = entry["email"].isEmpty ? nil : entry["email"]
                user.role = Role(rawValue: entry["role"].isEmpty ? "learner" : entry["role"].lowercased()) ?? .learner
                if current == nil, let password = frozen[index] {
                    user.passwordHash = password.hash
                    row.password = password.plain
                    try user.insert(db)
                } else if row.outcome == .updated {
                    // Only what the file sets: `current` was read before the slow hashing, and a deactivation,
                    // a password change or a role change made meanwhile must not be written back.
                    user.updatedAt = now
                    try user.update(db, columns: Self.importedColumns)
                }
                if !entry["course"].isEmpty, let id = user.id {
                    if try EnrollmentStore.enroll(db, userID: id, course: entry["course"], by: actor?.id, now: now) {
                        row.enrolledIn = entry["course"]
                    }
                }
                rows.append(row)
            }
            return rows
        }
    }
}
