import Foundation
import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import Signing

/// Everything the server needs, made once at start-up and passed down through `init`.
///
/// The one owner of state kept between requests, as GRDB's `AppDatabase` is of the database: every store and every
/// cache is made here once (caches in `caches`) and controllers are given these; no store keeps a cache of its own.
public struct AppServices: Sendable {
    public let config: AppConfig
    public let database: AppDatabase
    /// Every in-memory cache, each handed to the one store or renderer that uses it.
    public let caches: Caches
    /// The one write batcher: quiz answers, submissions and signed certificates share its transactions.
    let batcher: WriteBatcher
    public let catalog: CourseCatalog
    /// The commune-level units people belong to (empty: communes are free text).
    public let places: PlaceList
    public let pages: PageRenderer
    public let files: StaticFiles
    public let accounts: AccountStore
    public let sessions: SessionStore
    public let throttle: SignInThrottle
    public let enrollments: EnrollmentStore
    public let progress: ProgressService
    public let attempts: AttemptStore
    public let keys: KeyStore
    public let certificates: CertificateService
    /// The signed PDF of each certificate.
    public let pdfs: CertificatePDFs
    /// Notes shown once after a redirect (new one-time passwords).
    let notes: OneTimeNotes
    /// Public look-ups of certificates, per address: 60 a minute.
    public let lookups: RateLimiter
    let openAPI: OpenAPIController
    /// The append-only record of security-relevant actions.
    public let audit: AuditLog
    /// Makes and checks the tokens of forms.
    public let csrf: CSRFTokens
}

/// Builds the services from the configuration: data folder, database, courses, templates, static files.
public func makeServices(
    config: AppConfig, database: AppDatabase? = nil, signingKey: RSAPrivateKey? = nil, logger: Logger
) async throws -> AppServices {
    // A bad place list stops start-up with `path:line: message`, before anything is opened.
    let places = try await Blocking.run { try PlaceListReader.load(directory: config.placesDirectory) }
    let database =
        try database
        ?? {
            try DataDirectory.prepare(config.dataDirectory)
            return try AppDatabase.open(
                path: config.databasePath, durability: config.durability, litestream: config.litestream)
        }()
    let caches = Caches(database: database)
    let files = try StaticFiles(directory: config.publicDirectory)
    let pages = try await PageRenderer(
        resourcesDirectory: PageRenderer.bundledResources, stylesheet: files.versionedPath("/css/site.css"),
        criticalCSS: files.text("/css/critical.css") ?? "", caches: caches.pages, asset: files.versionedPath)
    let catalog = CourseCatalog(directory: config.coursesDirectory, logger: logger)
    _ = try await Blocking.run { catalog.reload() }
    let keys = KeyStore(database: database, dataDirectory: config.dataDirectory, issuerName: config.issuerName)
    try await keys.prepare(initial: signingKey)
    let batcher = WriteBatcher(writer: database.writer)
    let pdfs = CertificatePDFs(database: database, keys: keys, config: config, places: places, logger: logger)
    let signer = CertificateSigner(database: database, batcher: batcher, keys: keys, pdfs: pdfs, logger: logger)
    // Certificates promised by grading that the last run did not live to sign (see `CertificateSigner`).
    try await signer.signPending()
    let certificates = CertificateService(database: database, signer: signer, config: config, places: places)
    let enrollments = EnrollmentStore(database: database, recentViews: caches.lessonViews, batcher: batcher)
    return AppServices(
        config: config, database: database, caches: caches, batcher: batcher, catalog: catalog,
        places: places, pages: pages, files: files,
        accounts: AccountStore(database: database, scryptLogN: config.scryptLogN),
        sessions: SessionStore(database: database, config: config, cache: caches.sessions), throttle: SignInThrottle(),
        enrollments: enrollments, progress: ProgressService(database: database, enrollments: enrollments),
        attempts: AttemptStore(
            database: database, batcher: batcher, snapshots: caches.quizSnapshots,
            acceptedAnswers: caches.acceptedAnswers, completion: certificates.completion),
        keys: keys, certificates: certificates, pdfs: pdfs, notes: OneTimeNotes(),
        lookups: RateLimiter(limit: config.lookupLimitPerMinute, window: 60),
        openAPI: try OpenAPIController(resourcesDirectory: PageRenderer.bundledResources),
        audit: AuditLog(database: database), csrf: try await CSRFTokens.load(database))
}

/// The router with every middleware and controller.
public func buildRouter(_ services: AppServices) -> Router<AppRequestContext> {
    let router = Router(context: AppRequestContext.self, options: [.autoGenerateHeadEndpoints])
    // Outermost: every request is counted and timed with the status it finally got (issue 17; `/metrics`).
    router.add(middleware: MetricsMiddleware())
    router.add(middleware: CompressionMiddleware())
    router.add(middleware: SecurityHeadersMiddleware())
    router.add(middleware: ClientAddressMiddleware(trusted: services.config.trustedProxies))
    router.add(middleware: RequestLogMiddleware())
    router.add(middleware: LanguageMiddleware())
    router.add(middleware: ErrorMiddleware(pages: services.pages))
    router.add(middleware: StaticFileMiddleware(files: services.files))
    router.add(middleware: AuthMiddleware(sessions: services.sessions))
    router.add(middleware: BodyLimitMiddleware())
    router.add(middleware: CSRFMiddleware(tokens: services.csrf, secureCookies: services.config.secureCookies))
    // Again inside: errors of the routes are shown with the signed-in person's menu (the outer one handles
    // what sign-in and CSRF checks refuse).
    router.add(middleware: ErrorMiddleware(pages: services.pages))
    let offline = OfflineCourses(files: services.files)
    let offlineController = OfflineController(catalog: services.catalog, pages: services.pages, courses: offline)
    router.addRoutes(offlineController.endpoints)
    router.addRoutes(offlineController.apiEndpoints, atPath: "/api/v1")
    router.addRoutes(HealthController(database: services.database, catalog: services.catalog).endpoints)
    router.addRoutes(
        MetricsController(
            database: services.database, allowed: services.config.metricsAllow,
            databasePath: services.config.databasePath
        ).endpoints)
    router.addRoutes(
        CourseController(
            catalog: services.catalog, pages: services.pages, enrollments: services.enrollments,
            progress: services.progress, dashboard: Dashboard(database: services.database, places: services.places),
            certificates: services.certificates, offline: offline
        ).endpoints)
    let sessionController = SessionController(
        accounts: services.accounts, sessions: services.sessions, throttle: services.throttle, pages: services.pages,
        config: services.config, audit: services.audit)
    router.addRoutes(sessionController.endpoints)
    router.addRoutes(
        CourseAdminController(catalog: services.catalog, pages: services.pages, audit: services.audit).endpoints)
    let drafts = DraftStore(coursesDirectory: services.config.coursesDirectory)
    let authoring = AuthoringController(
        drafts: drafts, publisher: Publisher(drafts: drafts, database: services.database, catalog: services.catalog),
        catalog: services.catalog, pages: services.pages)
    router.addRoutes(authoring.endpoints)
    router.addRoutes(
        LessonEditor(drafts: drafts, authoring: authoring, renderer: MarkdownRenderer(), pages: services.pages)
            .endpoints)
    router.addRoutes(QuizEditor(drafts: drafts, authoring: authoring, pages: services.pages).endpoints)
    router.addRoutes(CourseAPIController(catalog: services.catalog).endpoints, atPath: "/api/v1")
    router.addRoutes(services.openAPI.endpoints, atPath: "/api/v1")
    router.addRoutes(SessionAPIController(web: sessionController).endpoints, atPath: "/api/v1")
    let importer = ImportController(
        importer: UserImport(database: services.database, accounts: services.accounts, places: services.places),
        catalog: services.catalog,
        pages: services.pages, config: services.config, audit: services.audit)
    router.addRoutes(importer.endpoints)
    router.addRoutes(
        PlacesController(places: services.places, database: services.database, pages: services.pages).endpoints)
    router.addRoutes(importer.apiEndpoints, atPath: "/api/v1")
    let enrollment = EnrollmentController(
        enrollments: services.enrollments, progress: services.progress,
        catalog: services.catalog, pages: services.pages, database: services.database, audit: services.audit,
        places: services.places)
    router.addRoutes(enrollment.endpoints)
    router.addRoutes(enrollment.apiEndpoints, atPath: "/api/v1")
    let attempts = services.attempts
    let verifier = CertificateVerifier(keys: services.keys, service: services.certificates)
    router.addRoutes(
        PublicCertificateController(
            service: services.certificates, verifier: verifier, keys: services.keys, limiter: services.lookups,
            pages: services.pages, config: services.config, pdfs: services.pdfs
        ).endpoints)
    router.addRoutes(
        CertificateController(
            service: services.certificates, catalog: services.catalog, pages: services.pages, config: services.config,
            audit: services.audit, pdfs: services.pdfs, places: services.places
        ).endpoints)
    router.addRoutes(
        CertificateAPIController(
            service: services.certificates, verifier: verifier, limiter: services.lookups, config: services.config,
            audit: services.audit
        ).endpoints, atPath: "/api/v1")
    router.addRoutes(
        QuizController(
            attempts: attempts, enrollments: services.enrollments, catalog: services.catalog,
            pages: services.pages, progress: services.progress, certificates: services.certificates
        ).endpoints)
    router.addRoutes(
        QuizStatsController(database: services.database, catalog: services.catalog, pages: services.pages).endpoints)
    router.addRoutes(QuizAPIController(attempts: attempts, catalog: services.catalog).endpoints, atPath: "/api/v1")
    router.addRoutes(
        AdminUsersController(
            directory: UserDirectory(database: services.database, accounts: services.accounts),
            accounts: services.accounts, sessions: services.sessions, pages: services.pages, notes: services.notes,
            audit: services.audit
        ).endpoints)
    addReportRoutes(to: router, services: services)
    // Last, after every route: it then runs only for requests no route took (see the type).
    router.add(middleware: MethodNotAllowedMiddleware(routes: router.routes, pages: services.pages))
    return router
}

/// Connections the kernel may hold waiting to be accepted. A whole province submitting a test at once opens
/// thousands in the same second; with Hummingbird's default of 256 the kernel drops the overflow and phones retry
/// only after a second or more. Linux caps it at `net.core.somaxconn` (4096 by default since 5.4).
let listenBacklog = 4096

/// The whole application, ready to `runService()`.
public func buildApplication(_ services: AppServices, logger: Logger) -> some ApplicationProtocol {
    let config = services.config
    let bodyTimeout = TimeAmount.seconds(Int64(config.bodyTimeoutSeconds))
    var app = Application(
        router: buildRouter(services),
        server: .http1(
            configuration: .init(
                additionalChannelHandlers: [RequestBodyDeadline(timeout: bodyTimeout)],
                idleTimeout: .seconds(Int64(config.idleTimeoutSeconds)))),
        configuration: .init(
            address: .hostname(config.host, port: config.port), serverName: "commune-academy",
            backlog: listenBacklog,
            availableConnectionsDelegate: MaximumAvailableConnections(config.maxConnections)),
        logger: logger)
    app.addServices(ReloadOnHangup(catalog: services.catalog, logger: logger, audit: services.audit))
    return app
}
