import Foundation

/// Login slips: the generated first passwords, grouped by commune, to print on A4 and cut (10 a page). The `slips`
/// partial shows them, below an import's result and in the file `academy users import --slips` writes.
public struct LoginSlips: Sendable, Encodable {
    struct Group: Sendable, Encodable {
        let commune: String
        let slips: [Slip]
    }

    struct Slip: Sendable, Encodable {
        let fullName: String
        let username: String
        let password: String
        let commune: String
    }

    let groups: [Group]
    /// The sign-in page's address, printed on every slip.
    let siteAddress: String

    /// The slips of the rows that got a generated password.
    public init(_ rows: [UserImport.Row], baseURL: String) {
        let withPassword = rows.filter { $0.password != nil }
        // By commune alone: districts are history since 1 July 2025 (issue 15).
        let grouped = Dictionary(grouping: withPassword) { $0.commune }
        // Natural order, as people read it: "Xã Số 2" before "Xã Số 10".
        self.groups = grouped.keys.sorted { $0.localizedStandardCompare($1) == .orderedAscending }.map { key in
            let members = (grouped[key] ?? []).sorted {
                $0.fullName.localizedStandardCompare($1.fullName) == .orderedAscending
            }
            return Group(
                commune: key,
                slips: members.map { row in
                    Slip(
                        fullName: row.fullName, username: row.username, password: row.password ?? "",
                        commune: row.commune)
                })
        }
        self.siteAddress = baseURL + SitePath.login
    }
}

/// The login slips alone, as a file to print (`academy users import --slips FILE`).
public struct SlipsPage: Page {
    public static let template = "slips_page"

    public let title: String
    let slips: LoginSlips

    public init(_ slips: LoginSlips, strings: Strings, language: Language) {
        self.title = strings.text("slips_title", language)
        self.slips = slips
    }
}
