import Academy
import ArgumentParser
import Foundation
import Signing

/// `academy users …`: accounts from the command line.
struct UsersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "users", abstract: "Create and import accounts.", subcommands: [Add.self, Import.self])

    /// `academy users add USERNAME --role R --name "Full Name"`, password from standard input.
    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create an account; the password is read from standard input.",
            discussion: "Example: echo 'a long passphrase' | academy users add admin --role admin --name 'Quản trị'")

        @OptionGroup var common: CommonOptions
        @Argument(help: "The username: 3–64 letters, digits, dots, hyphens, underscores or @.")
        var username: String
        @Option(help: "learner, trainer, hr or admin.")
        var role: String
        @Option(help: "The person's full name.")
        var name: String

        func run() async throws {
            guard let role = Role(rawValue: role) else {
                throw ValidationError("--role must be one of: learner, trainer, hr, admin")
            }
            guard Passwords.isValidUsername(username) else {
                throw ValidationError(AccountError.invalidUsername(username).description)
            }
            guard !Text.clean(name).isEmpty else { throw ValidationError("--name must not be empty") }
            let password = (readLine(strippingNewline: true) ?? "")
            guard Passwords.isAcceptable(password) else { throw ValidationError(AccountError.weakPassword.description) }
            let config = try common.load()
            try DataDirectory.prepare(config.dataDirectory)
            let database = try AppDatabase.open(path: config.databasePath, durability: config.durability)
            defer { try? database.close() }
            let accounts = AccountStore(database: database, scryptLogN: config.scryptLogN)
            let hash = try await accounts.hash(password: password)
            do {
                let user = try await accounts.create(
                    User(username: username, fullName: name, role: role, passwordHash: hash))
                print("created \(role.rawValue) '\(user.username)' (\(user.fullName))")
            } catch let error as AccountError {
                throw ValidationError(error.description)
            }
        }
    }
}

extension UsersCommand {
    /// `academy users import FILE.csv [--dry-run] [--slips FILE.html]`.
    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import learners from a CSV file; nothing is written if any row has a problem.",
            discussion: """
                Columns (any order, comma or semicolon separated, UTF-8): username, full_name, commune, district \
                (optional, kept as history), position, phone, email, role, course, password. With a place list \
                (Config/places), a commune must be one of its units; a former unit is stored as the new one. \
                Rows without a password get a generated one, printed once; --slips writes them as printable login slips.
                """)

        @OptionGroup var common: CommonOptions
        @Argument(help: "The CSV file.")
        var file: String
        @Flag(help: "Check every row and report, but write nothing.")
        var dryRun = false
        @Option(help: "Write login slips (HTML, A4, 10 a page, by commune) for the generated passwords to this file.")
        var slips: String?

        func run() async throws {
            guard let data = FileManager.default.contents(atPath: file) else {
                throw ValidationError("\(file): cannot read the file")
            }
            let config = try common.load()
            try DataDirectory.prepare(config.dataDirectory)
            let database = try AppDatabase.open(path: config.databasePath, durability: config.durability)
            defer { try? database.close() }
            let accounts = AccountStore(database: database, scryptLogN: config.scryptLogN)
            let courses = Set(
                CourseCatalog.loadAll(directory: config.coursesDirectory, loader: CourseLoader()).courses.map(\.slug))
            let places: PlaceList
            do {
                places = try PlaceListReader.load(directory: config.placesDirectory)
            } catch {
                throw ValidationError(error.description)
            }
            let report = try await UserImport(database: database, accounts: accounts, places: places)
                .run(csv: [UInt8](data), dryRun: dryRun, actor: nil, courses: courses)
            for row in report.rows {
                var line = "\(file):\(row.line): \(row.outcome.rawValue) \(row.username)"
                if let message = row.message { line += ": \(message)" }
                if let note = row.note { line += " (\(note))" }
                if let password = row.password { line += " password \(password)" }
                if let course = row.enrolledIn { line += " enrolled in \(course)" }
                print(line)
            }
            for error in report.errors where !report.rows.contains(where: { $0.line == error.line }) {
                print("\(file):\(error.line): \(error.message)")
            }
            print(
                "\(report.created) created, \(report.updated) updated, \(report.unchanged) unchanged, "
                    + "\(report.errors.count) error(s)" + (dryRun ? " (dry run: nothing written)" : ""))
            if !report.errors.isEmpty {
                if !dryRun { print("nothing was written: fix the rows above and import again") }
                throw ExitCode(1)
            }
            if report.applied {
                try await AuditLog(database: database).record(
                    .usersImported, actor: .commandLine, target: file, detail: AuditLog.describe(report))
            }
            if let slips, report.applied {
                let pages = try await PageRenderer(resourcesDirectory: PageRenderer.bundledResources, stylesheet: "")
                // The whole stylesheet: the first-paint part, then the rest (a file opened later, with no server).
                let css = ["critical.css", "site.css"].map {
                    (try? String(contentsOfFile: config.publicDirectory + "/css/" + $0, encoding: .utf8)) ?? ""
                }.joined(separator: "\n")
                let page = SlipsPage(
                    LoginSlips(report.rows, baseURL: config.resolvedBaseURL), strings: pages.strings, language: .vi)
                let html = pages.standalone(page, language: .vi, css: css)
                // One-time passwords: readable by the person who ran the import only.
                try SecureFileWriter.write(Array(html.utf8), to: slips)
                print("login slips written to \(slips)")
            }
        }
    }
}
