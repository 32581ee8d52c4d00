import Foundation
import Testing

@testable import Academy

/// Golden files of the account pages (`Tests/AcademyTests/Snapshots/accounts/`): signing in, the password, the admin's
/// people pages, the import and its login slips, in both languages.
@Suite struct AccountPageSnapshotTests {
    @Test func login() async throws {
        let snapshots = try await PageSnapshots.make()
        snapshots.check("accounts/login", path: SitePath.login, roles: [nil]) { strings, language in
            LoginPage(next: SitePath.home, strings: strings, language: language)
        }
        // Refused: why, the name typed kept, and where to go afterwards carried along.
        snapshots.check("accounts/login-refused", path: SitePath.login, roles: [nil]) { strings, language in
            LoginPage(
                next: SitePath.course("an-toan-thong-tin"), username: "hoa.nt",
                error: strings.text("error.bad_credentials", language), strings: strings, language: language)
        }
    }

    @Test func password() async throws {
        let snapshots = try await PageSnapshots.make()
        snapshots.check("accounts/password-required", path: SitePath.password, roles: [.learner]) { strings, language in
            PasswordPage(mustChange: true, strings: strings, language: language)
        }
        snapshots.check("accounts/password", path: SitePath.password, roles: [.trainer]) { strings, language in
            PasswordPage(mustChange: false, strings: strings, language: language)
        }
        snapshots.check("accounts/password-refused", path: SitePath.password, roles: [.learner]) { strings, language in
            PasswordPage(
                mustChange: false, error: strings.text("password_mismatch", language), strings: strings,
                language: language)
        }
    }

    @Test func users() async throws {
        let snapshots = try await PageSnapshots.make()
        snapshots.check("accounts/users", path: SitePath.adminUsers, roles: [.admin]) { strings, language in
            UsersPage(query: "", found: [], strings: strings, language: language)
        }
        snapshots.check("accounts/users-found", path: SitePath.adminUsers, roles: [.admin]) { strings, language in
            UsersPage(query: "hoa", found: Self.people, strings: strings, language: language)
        }
        snapshots.check("accounts/users-none", path: SitePath.adminUsers, roles: [.admin]) { strings, language in
            UsersPage(query: "không có ai", found: [], strings: strings, language: language)
        }
    }

    @Test func user() async throws {
        let snapshots = try await PageSnapshots.make()
        let (active, inactive) = (Self.people[0], Self.people[1])
        snapshots.check("accounts/user", path: SitePath.adminUser(7), roles: [.admin]) { strings, language in
            UserPage(
                active, viewerID: 1, message: strings.text("users_role_changed", language), password: nil,
                strings: strings, language: language)
        }
        // Deactivated, just after a reset: the one-time password is shown this once.
        snapshots.check("accounts/user-deactivated", path: SitePath.adminUser(8), roles: [.admin]) {
            strings, language in
            UserPage(
                inactive, viewerID: 1, message: strings.text("users_password_reset", language),
                password: "mây-xanh-47-đồi", strings: strings, language: language)
        }
        // One's own account: facts only, no forms.
        snapshots.check("accounts/user-self", path: SitePath.adminUser(7), roles: [.admin]) { strings, language in
            UserPage(active, viewerID: 7, message: nil, password: nil, strings: strings, language: language)
        }
    }

    @Test func importForm() async throws {
        let snapshots = try await PageSnapshots.make()
        let courses = [SnapshotFixtures.course]
        snapshots.check("accounts/import", path: SitePath.importUsers, roles: [.trainer, .admin]) {
            strings, language in
            ImportPage(courses: courses, strings: strings, language: language)
        }
        snapshots.check("accounts/import-empty", path: SitePath.importUsers, roles: [.trainer]) { strings, language in
            ImportPage(
                courses: courses, error: strings.text("import_empty", language), strings: strings,
                language: language)
        }
    }

    @Test func importResult() async throws {
        let snapshots = try await PageSnapshots.make()
        let path = SitePath.importUsers
        // Rows with problems, and a problem of the file itself on a line that is no row: nothing written.
        var refused = UserImport.Report(dryRun: true)
        refused.rows = [
            Self.row(2, "hoa.nt", "Nguyễn Thị Hoa", .created),
            Self.row(3, "nam tran", "Trần Văn Nam", .error, problem: ImportProblem("username_invalid", "nam tran")),
            Self.row(4, "lan.le", "", .error, problem: ImportProblem("name_missing")),
        ]
        refused.errors = [
            .init(line: 3, ImportProblem("username_invalid", "nam tran")),
            .init(line: 4, ImportProblem("name_missing")), .init(line: 6, ImportProblem("quote_unclosed")),
        ]
        let csv = "username,full_name\nhoa.nt,Nguyễn Thị Hoa\nnam tran,Trần Văn Nam\nlan.le,\n"
        snapshots.check("accounts/import-result-problems", path: path, roles: [.trainer]) { strings, language in
            ImportResultPage(refused, csv: csv, baseURL: "https://hoc.example.vn", strings: strings, language: language)
        }
        // A dry run that would succeed: the counts and the button to import for real.
        var dry = UserImport.Report(dryRun: true, created: 2, updated: 1, unchanged: 0)
        dry.rows = [
            Self.row(2, "hoa.nt", "Nguyễn Thị Hoa", .created), Self.row(3, "nam.tv", "Trần Văn Nam", .created),
            Self.row(4, "lan.le", "Lê Thị Lan", .updated),
        ]
        snapshots.check("accounts/import-result-dry-run", path: path, roles: [.trainer]) { strings, language in
            ImportResultPage(dry, csv: csv, baseURL: "https://hoc.example.vn", strings: strings, language: language)
        }
        // Written: the generated passwords as login slips by commune, enrolments noted.
        snapshots.check("accounts/import-result-created", path: path, roles: [.trainer]) { strings, language in
            ImportResultPage(
                Self.created, csv: csv, baseURL: "https://hoc.example.vn", strings: strings, language: language)
        }
    }

    /// The file `academy users import --slips` writes: the slips alone, the stylesheet inlined, no layout.
    @Test func slipsPage() async throws {
        let snapshots = try await PageSnapshots.make()
        for language in Language.allCases {
            let page = SlipsPage(
                LoginSlips(Self.created.rows, baseURL: "https://hoc.example.vn"), strings: snapshots.strings,
                language: language)
            let html = snapshots.pages.standalone(page, language: language, css: ".slip { border: 1px dashed; }")
            Golden.check(html, "accounts/slips-page.\(language.rawValue).file")
        }
    }

    /// A real import: two communes (natural order: "Xã Số 2" before "Xã Số 10"), one row without a district.
    static let created: UserImport.Report = {
        var report = UserImport.Report(dryRun: false, created: 4, updated: 1, unchanged: 0)
        report.rows = [
            row(
                2, "hoa.nt", "Nguyễn Thị Hoa", .created, commune: "Xã Số 10", password: "mây-xanh-47-đồi",
                course: "an-toan-thong-tin"),
            row(3, "an.pv", "Phạm Văn An", .created, commune: "Xã Số 10", password: "sông-lô-12-cầu"),
            row(4, "binh.lt", "Lê Thị Bình", .created, commune: "Xã Số 2", password: "núi-đá-88-mưa"),
            row(
                5, "cuong.nv", "Nguyễn Văn Cường", .created, district: "", commune: "Phường Mới",
                password: "lúa-vàng-30-gió"),
            row(6, "lan.le", "Lê Thị Lan", .updated, commune: "Xã Số 2"),
        ]
        return report
    }()

    static func row(
        _ line: Int, _ username: String, _ name: String, _ outcome: UserImport.Row.Outcome,
        district: String = "Huyện Sơn Dương", commune: String = "Xã Minh Quang", password: String? = nil,
        course: String? = nil, problem: ImportProblem? = nil
    ) -> UserImport.Row {
        UserImport.Row(
            line: line, username: username, fullName: name, district: district, commune: commune, outcome: outcome,
            message: problem?.english, password: password, enrolledIn: course, problem: problem)
    }

    /// An active official with every detail, and a deactivated one with none of the optional ones.
    static let people: [User] = {
        let date = Date(timeIntervalSince1970: 1_790_000_000)
        var hoa = User(
            username: "hoa.nt", fullName: "Nguyễn Thị Hoa", role: .trainer, passwordHash: "-",
            district: "Huyện Sơn Dương", commune: "Xã Minh Quang", position: "Tổ trưởng tổ công nghệ số",
            phone: "0912 345 678", email: "hoa.nt@example.vn", now: date)
        hoa.id = 7
        var nam = User(username: "nam.tv", fullName: "Trần Văn Nam", role: .learner, passwordHash: "-", now: date)
        nam.id = 8
        nam.active = false
        return [hoa, nam]
    }()
}
