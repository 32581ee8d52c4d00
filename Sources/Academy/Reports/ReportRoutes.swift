import Hummingbird

/// Adds the routes of issue 8 — reports, their exports, the JSON report and the audit log — to the router.
func addReportRoutes(to router: Router<AppRequestContext>, services: AppServices) {
    let reports = CompletionReport(database: services.database, places: services.places)
    router.addRoutes(
        ReportController(reports: reports, catalog: services.catalog, pages: services.pages, config: services.config)
            .endpoints)
    router.addRoutes(
        QuizReportController(
            quizzes: QuizReport(database: services.database, places: services.places), reports: reports,
            catalog: services.catalog,
            pages: services.pages
        ).endpoints)
    router.addRoutes(ReportAPIController(reports: reports, catalog: services.catalog).endpoints, atPath: "/api/v1")
    router.addRoutes(AuditController(audit: services.audit, pages: services.pages).endpoints)
}
