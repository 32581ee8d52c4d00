import Hummingbird
import Signing

/// `GET /healthz`: is the server up, and which versions of its parts is it running.
struct HealthController {
    let database: AppDatabase
    let catalog: CourseCatalog

    /// The body of `/healthz`. Library versions only for a signed-in admin: a stranger need not learn which
    /// SQLite and OpenSSL to look up vulnerabilities for.
    struct Health: ResponseEncodable {
        let status: String
        let version: String
        let sqlite: String?
        let openssl: String?
        let courses: Int
    }

    var endpoints: RouteCollection<AppRequestContext> {
        let routes = RouteCollection(context: AppRequestContext.self)
        routes.get(RouterPath(SitePath.healthz), use: health)
        return routes
    }

    /// Answers once the database answers; admins also see the live SQLite and OpenSSL versions.
    @Sendable func health(_ request: Request, context: AppRequestContext) async throws -> Response {
        let sqlite = try await database.sqliteVersion()
        let admin = context.user?.role == .admin
        let body = Health(
            status: "ok", version: AcademyVersion.current, sqlite: admin ? sqlite : nil,
            openssl: admin ? OpenSSLInfo.version : nil, courses: catalog.snapshot.courses.count)
        var response = try body.response(from: request, context: context)
        response.headers[.cacheControl] = "no-store"
        return response
    }
}

/// The version of this program.
public enum AcademyVersion {
    public static let current = "0.1.0"
}
