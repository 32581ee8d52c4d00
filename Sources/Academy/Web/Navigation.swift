/// The links in the top bar, by role: each person sees the areas they may use.
enum Navigation {
    static func links(for user: User?, strings: Strings, language: Language) -> [[String: String]] {
        var links = [["url": SitePath.home, "label": strings.text("nav_courses", language)]]
        if user == nil { links.append(["url": SitePath.verify, "label": strings.text("nav_verify", language)]) }
        guard let user else { return links }
        links.append(["url": SitePath.myCertificates, "label": strings.text("nav_certificates", language)])
        if [.hr, .admin].contains(user.role) {
            links.append(["url": SitePath.adminCertificates, "label": strings.text("admin_certificates", language)])
        }
        if [.trainer, .admin].contains(user.role) {
            links.append(["url": SitePath.courseProblems, "label": strings.text("nav_manage_courses", language)])
            links.append(["url": SitePath.author, "label": strings.text("nav_author", language)])
        }
        if user.role != .learner {
            links.append(["url": SitePath.reports, "label": strings.text("nav_reports", language)])
        }
        if user.role == .admin {
            links.append(["url": SitePath.adminUsers, "label": strings.text("nav_users", language)])
            links.append(["url": SitePath.audit, "label": strings.text("nav_audit", language)])
        }
        return links
    }
}
