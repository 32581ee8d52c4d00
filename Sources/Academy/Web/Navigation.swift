/// The links in the top bar, by role: each person sees the areas they may use.
enum Navigation {
    struct Link: Sendable {
        let url: String
        let label: String
    }

    static func links(for role: Role?, signedIn: Bool, strings: Strings, language: Language) -> [Link] {
        func link(_ url: String, _ key: String) -> Link { Link(url: url, label: strings.text(key, language)) }
        var links = [link(SitePath.home, "nav_courses")]
        guard signedIn, let role else { return links + [link(SitePath.verify, "nav_verify")] }
        links.append(link(SitePath.myCertificates, "nav_certificates"))
        if [.hr, .admin].contains(role) { links.append(link(SitePath.adminCertificates, "admin_certificates")) }
        if [.trainer, .admin].contains(role) {
            links.append(link(SitePath.courseProblems, "nav_manage_courses"))
            links.append(link(SitePath.author, "nav_author"))
        }
        if role != .learner { links.append(link(SitePath.reports, "nav_reports")) }
        if role == .admin {
            links.append(link(SitePath.adminUsers, "nav_users"))
            links.append(link(SitePath.audit, "nav_audit"))
        }
        return links
    }
}
