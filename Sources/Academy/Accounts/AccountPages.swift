/// The account pages: signing in, one's own password, the admin's people pages, the import and its login slips.
enum AccountPages {
    static let all: [any Page.Type] = [
        LoginPage.self, PasswordPage.self, UsersPage.self, UserPage.self, ImportPage.self, ImportResultPage.self,
        SlipsPage.self,
    ]
}

/// `/login`: the sign-in form; after a refusal, why, with the name typed kept.
struct LoginPage: Page {
    static let template = "login"

    let title: String
    /// Where to go once signed in: a path of this site (`SessionController.safeNext`).
    let next: String
    let username: String
    let error: String?

    init(next: String, username: String = "", error: String? = nil, strings: Strings, language: Language) {
        self.title = strings.text("login_title", language)
        self.next = next
        self.username = username
        self.error = error
    }
}

/// `/account/password`: choosing a new password, required after a generated first one.
struct PasswordPage: Page {
    static let template = "password"

    let title: String
    /// The password was generated (import, reset): the person must replace it before anything else.
    let mustChange: Bool
    let minimum: Int
    let minimumHint: String
    let error: String?

    init(mustChange: Bool, error: String? = nil, strings: Strings, language: Language) {
        self.title = strings.text("password_title", language)
        self.mustChange = mustChange
        self.minimum = Passwords.minimumLength
        self.minimumHint = strings.text("password_new_hint", language, [String(Passwords.minimumLength)])
        self.error = error
    }
}

/// `/admin/users`: people found by name or username (admins only).
struct UsersPage: Page {
    static let template = "users"

    struct Row: Sendable, Encodable {
        let url: String
        let fullName: String
        let username: String
        let role: String
        let commune: String
        let inactive: Bool
    }

    let title: String
    let query: String
    /// A search was made: the count and the table show, even when nobody was found.
    let searched: Bool
    /// "3 people found", in the page's language.
    let count: String
    let users: [Row]
    /// The place list and its people (issue 15).
    let placesPath = SitePath.adminPlaces

    init(query: String, found: [User], strings: Strings, language: Language) {
        self.title = strings.text("users_title", language)
        self.query = query
        self.searched = !query.isEmpty
        self.count = strings.text("users_found", language, [LocalText.count(found.count, language)])
        self.users = found.map { user in
            Row(
                url: SitePath.adminUser(user.id ?? 0), fullName: user.fullName, username: user.username,
                role: strings.text("role_\(user.role.rawValue)", language), commune: user.commune,
                inactive: !user.active)
        }
    }
}

/// `/admin/users/{id}`: one person, with the forms to change their role, reset their password or deactivate them
/// (admins only; not for one's own account).
struct UserPage: Page {
    static let template = "user"

    struct RoleOption: Sendable, Encodable {
        let value: String
        let label: String
        let selected: Bool
    }

    let title: String
    let fullName: String
    let username: String
    let role: String
    let commune: String
    /// The district the import gave, read-only history (issue 15); nil when none was given.
    let formerDistrict: String?
    let position: String
    let phone: String
    let email: String
    let active: Bool
    /// The admin is looking at their own account: no forms, so nobody locks themselves out.
    let isSelf: Bool
    /// The address the forms post under.
    let base: String
    let roles: [RoleOption]
    /// What was just done ("Role changed").
    let message: String?
    /// A new one-time password, shown this once: the response must then not be kept by any cache.
    let password: String?

    init(_ user: User, viewerID: Int64?, message: String?, password: String?, strings: Strings, language: Language) {
        self.title = user.fullName
        self.fullName = user.fullName
        self.username = user.username
        self.role = strings.text("role_\(user.role.rawValue)", language)
        self.commune = user.commune
        self.formerDistrict = user.district.isEmpty ? nil : user.district
        self.position = user.position
        self.phone = user.phone ?? ""
        self.email = user.email ?? ""
        self.active = user.active
        self.isSelf = user.id == viewerID
        self.base = SitePath.adminUser(user.id ?? 0)
        self.roles = Role.allCases.map {
            RoleOption(
                value: $0.rawValue, label: strings.text("role_\($0.rawValue)", language), selected: $0 == user.role)
        }
        self.message = message
        self.password = password
    }
}
