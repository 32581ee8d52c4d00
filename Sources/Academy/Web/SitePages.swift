/// Every page of the site, area by area: start-up checks that each one's template is there. A new page goes into
/// its area's list; `SitePagesTests` fails when a `Page` in the sources is in none.
public enum SitePages {
    public static let all: [any Page.Type] = [
        WebPages.all,
        CoursePages.all,
        CourseAdminPages.all,
        AccountPages.all,
        AuthoringPages.all,
        ReportPages.all,
        PlacePages.all,
        QuizPages.all,
        CertificatePages.all,
        EnrollmentPages.all,
    ].flatMap { $0 }
}
