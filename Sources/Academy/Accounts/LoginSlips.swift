import Foundation

/// Login slips: the generated first passwords, grouped by commune, to print on A4 and cut (10 a page).
public enum LoginSlips {
    /// Template data for the `slips` partial from the rows of an import.
    public static func data(_ rows: [UserImport.Row], baseURL: String) -> [String: Any] {
        let withPassword = rows.filter { $0.password != nil }
        let grouped = Dictionary(grouping: withPassword) { "\($0.district)\u{1F}\($0.commune)" }
        // Natural order, as people read it: "Xã Số 2" before "Xã Số 10".
        let groups: [[String: Any]] = grouped.keys.sorted { $0.localizedStandardCompare($1) == .orderedAscending }.map { key in
            let members = (grouped[key] ?? []).sorted { $0.fullName.localizedStandardCompare($1.fullName) == .orderedAscending }
            let first = members.first
            return [
                "district": first?.district ?? "",
                "commune": first?.commune ?? "",
                "slips": members.map { row in
                    [
                        "fullName": row.fullName, "username": row.username, "password": row.password ?? "",
                        "commune": row.commune, "district": row.district,
                    ]
                },
            ]
        }
        return ["slipGroups": groups, "siteAddress": baseURL + SitePath.login, "hasSlips": !withPassword.isEmpty]
    }
}
