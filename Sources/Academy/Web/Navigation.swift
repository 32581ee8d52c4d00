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

    /// The links split for the top bar: staff see their main destinations in one row and the rest — with the
    /// language switch and sign-out — behind a "More" disclosure, so an admin's bar takes two rows of a 360 px phone
    /// instead of five (issue 16). Learners and visitors have few links and see them all (`more` is empty).
    static func menu(for role: Role?, signedIn: Bool, strings: Strings, language: Language)
        -> (main: [Link], more: [Link])
    {
        let all = links(for: role, signedIn: signedIn, strings: strings, language: language)
        guard signedIn, let role, role != .learner else { return (all, []) }
        let main: [String] =
            switch role {
            case .admin: [SitePath.home, SitePath.reports, SitePath.adminUsers]
            case .trainer: [SitePath.author, SitePath.reports]
            case .hr: [SitePath.adminCertificates, SitePath.reports]
            case .learner: []
            }
        return (all.filter { main.contains($0.url) }, all.filter { !main.contains($0.url) })
    }
}
