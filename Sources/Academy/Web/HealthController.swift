import Hummingbird
import Signing

/// `GET /healthz`: is the server up, and which versions of its parts is it running.
struct HealthController {
    let database: AppDatabase
    let catalog: CourseCatalog

    /// The body of `/healthz`.
    struct Health: ResponseEncodable {
        let status: String
        let version: String
        let sqlite: String
        let openssl: String
        let courses: Int
    }

    var endpoints: RouteCollection<AppRequestContext> {
        let routes = RouteCollection(context: AppRequestContext.self)
        routes.get(RouterPath(SitePath.healthz), use: health)
        return routes
    }

    /// Reports the live SQLite and OpenSSL versions and how many courses are served.
    @Sendable func health(_ request: Request, context: AppRequestContext) async throws -> Response {
        let body = Health(
            status: "ok", version: AcademyVersion.current, sqlite: try await database.sqliteVersion(),
            openssl: OpenSSLInfo.version, courses: catalog.snapshot.courses.count)
        var response = try body.response(from: request, context: context)
        response.headers[.cacheControl] = "no-store"
        return response
    }
}

/// The version of this program.
public enum AcademyVersion {
    public static let current = "0.1.0"
}
