/// The links in the top bar, by role: each person sees the areas they may use.
enum Navigation {
    static func links(for user: User?, strings: Strings, language: Language) -> [[String: String]] {
        var links = [["url": SitePath.home, "label": strings.text("nav_courses", language)]]
        guard let user else { return links }
        if [.trainer, .admin].contains(user.role) {
            links.append(["url": SitePath.courseProblems, "label": strings.text("nav_manage_courses", language)])
        }
        if user.role == .admin {
            links.append(["url": SitePath.adminUsers, "label": strings.text("nav_users", language)])
        }
        return links
    }
}
