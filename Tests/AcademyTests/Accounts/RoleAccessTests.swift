import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import Academy

/// Every route of the router, tried with every role and with no session (issue 13).
///
/// The table below classifies each route; a route added to the router without a line here fails
/// `everyRouteIsClassified`, so nobody can add a page and forget who may open it.
@Suite struct RoleAccessTests {
    /// Who may use a route.
    enum Access: Sendable, Equatable {
        /// Anyone, signed in or not.
        case open
        /// Anyone signed in (what they see may still depend on what is theirs: tested elsewhere).
        case signedIn
        /// These roles (admins always pass).
        case roles(Set<Role>)
        /// By the client's address (`metrics_allow`), never by a session: no role opens it (TelemetryTests).
        case address
    }

    static let staff: Access = .roles([.trainer, .admin])
    static let learners: Access = .roles([.learner, .admin])
    static let hr: Access = .roles([.hr, .admin])
    static let reporting: Access = .roles([.trainer, .hr, .admin])
    static let admin: Access = .roles([.admin])

    /// Every route as `METHOD /pattern` (as `router.routes` names it) and who may use it.
    static let table: [String: Access] = [
        "GET /": .open, "GET /.well-known/jwks.json": .open, "GET /api/v1/certificates/{code}": .open,
        "GET /api/v1/courses": .open, "GET /api/v1/courses/{slug}": .open, "GET /api/v1/openapi.json": .open,
        "GET /courses/{slug}": .open, "GET /courses/{slug}/media/{file}": .open, "GET /courses/{slug}/{module}": .open,
        "GET /healthz": .open, "GET /issuer": .open, "GET /keys/{kid}": .open, "GET /login": .open,
        "GET /status/revocations.json": .open, "GET /v/{code}": .open, "GET /verify": .open, "GET /offline": .open,
        "GET /api/v1/courses/{slug}/offline": .open,
        "POST /api/v1/session": .open, "POST /api/v1/verify": .open, "POST /login": .open, "POST /verify": .open,
        "POST /logout": .open,

        "GET /metrics": .address,

        "GET /account/password": .signedIn, "POST /account/password": .signedIn,
        "DELETE /api/v1/session": .signedIn, "GET /api/v1/me": .signedIn, "PUT /api/v1/me/password": .signedIn,
        "GET /api/v1/me/certificates": .signedIn, "GET /certificates": .signedIn, "GET /certificates/{code}": .signedIn,
        "GET /courses/{slug}/{module}/quiz": .signedIn, "GET /attempts/{id}": .signedIn,
        "POST /attempts/{id}/save": .signedIn, "POST /attempts/{id}/submit": .signedIn,
        "PUT /api/v1/attempts/{id}/answers/{question}": .signedIn, "POST /api/v1/attempts/{id}/submission": .signedIn,

        "POST /courses/{slug}/enroll": learners, "GET /api/v1/me/enrollments": learners,
        "POST /api/v1/courses/{slug}/enrollment": learners, "POST /courses/{slug}/{module}/quiz": learners,
        "POST /api/v1/courses/{slug}/quizzes/{module}/attempts": learners,

        "GET /admin/courses": staff, "POST /admin/courses/reload": staff, "GET /admin/import": staff,
        "POST /admin/import": staff, "POST /api/v1/users/import": staff, "GET /admin/enroll": staff,
        "POST /admin/enroll": staff, "GET /courses/{slug}/{module}/quiz/stats": staff,
        "GET /api/v1/courses/{slug}/quizzes/{module}": staff,
        "GET /author": staff, "POST /author/courses": staff, "POST /author/import": staff,
        "GET /author/courses/{slug}": staff, "GET /author/courses/{slug}/export": staff,
        "GET /author/courses/{slug}/history": staff, "GET /author/courses/{slug}/history/{id}": staff,
        "POST /author/courses/{slug}/history/{id}/restore": staff, "GET /author/courses/{slug}/media/{file}": staff,
        "POST /author/courses/{slug}/discard": staff, "POST /author/courses/{slug}/publish": staff,
        "POST /author/courses/{slug}/settings": staff, "POST /author/courses/{slug}/modules": staff,
        "GET /author/courses/{slug}/modules/{module}/lesson": staff,
        "POST /author/courses/{slug}/modules/{module}/lesson": staff,
        "POST /author/courses/{slug}/modules/{module}/lesson/draft": staff,
        "POST /author/courses/{slug}/modules/{module}/media": staff,
        "POST /author/courses/{slug}/modules/{module}/move": staff,
        "GET /author/courses/{slug}/modules/{module}/quiz": staff,
        "POST /author/courses/{slug}/modules/{module}/quiz": staff,
        "POST /author/courses/{slug}/modules/{module}/remove": staff,

        "GET /admin/certificates": hr, "GET /admin/certificates/export": hr,
        "POST /admin/certificates/{code}/revoke": hr, "POST /api/v1/certificates/{code}/revocation": hr,

        "GET /reports": reporting, "GET /reports.csv": reporting, "GET /reports/print": reporting,
        "GET /reports/quiz": reporting, "GET /reports/quiz.csv": reporting,
        "GET /api/v1/reports/completion": reporting, "GET /api/v1/reports/completion.csv": reporting,

        "GET /admin/users": admin, "GET /admin/users/{id}": admin, "POST /admin/users/{id}/role": admin,
        "POST /admin/users/{id}/password": admin, "POST /admin/users/{id}/active": admin, "GET /admin/audit": admin,
        "GET /admin/places": admin,
    ]

    /// A request a route can answer: the pattern's parameters filled with fixture values, plus the query some
    /// routes need to get past their own checks to the role check.
    static func uri(_ pattern: String) -> String {
        var path = pattern
        for (name, value) in [
            ("{slug}", "sample"), ("{module}", pattern.contains("/quiz") ? "kiem-tra" : "bai-mot"), ("{id}", "1"),
            ("{code}", "AAAA-BBBB-CCCC"), ("{file}", "x.png"), ("{kid}", "x"), ("{question}", "q"),
        ] {
            path = path.replacingOccurrences(of: name, with: value)
        }
        let queries = [
            "/reports/quiz": "?course=sample&quiz=kiem-tra", "/reports/quiz.csv": "?course=sample&quiz=kiem-tra",
            "/api/v1/reports/completion": "?course=sample", "/api/v1/reports/completion.csv": "?course=sample",
            "/admin/certificates/export": "?course=sample", "/api/v1/users/import": "?dry_run=true",
        ]
        return path + (queries[path] ?? "")
    }

    static func route(_ key: String) -> (HTTPRequest.Method, String) {
        let parts = key.split(separator: " ", maxSplits: 1).map(String.init)
        return (HTTPRequest.Method(parts[0]) ?? .get, parts[1])
    }

    /// Fresh services over a private copy of the fixture courses: allowed routes may write drafts.
    static func withServices(_ body: @Sendable (AppServices, any TestClientProtocol) async throws -> Void)
        async throws
    {
        let root = NSTemporaryDirectory() + "academy-roles-\(UUID().uuidString)"
        try FileManager.default.copyItem(atPath: Fixtures.path("courses/good"), toPath: root)
        defer { try? FileManager.default.removeItem(atPath: root) }
        let services = try await TestApp.services(courses: root)
        try await TestApp.router(services).test(.router) { client in try await body(services, client) }
    }

    @Test func everyRouteIsClassified() async throws {
        let services = try await TestApp.services()
        let routes = Set(buildRouter(services).routes.map { "\($0.method.rawValue) \($0.path)" })
        #expect(routes.count > 80)
        let unclassified = routes.subtracting(Self.table.keys).sorted()
        #expect(unclassified.isEmpty, "routes with no line in RoleAccessTests.table: \(unclassified)")
        let gone = Set(Self.table.keys).subtracting(routes).sorted()
        #expect(gone.isEmpty, "lines for routes the router no longer has: \(gone)")
    }

    static var protectedRoutes: [String] { table.filter { ![.open, .address].contains($0.value) }.keys.sorted() }
    static var openRoutes: [String] { table.filter { $0.value == .open }.keys.sorted() }

    @Test(arguments: protectedRoutes)
    func routeChecksTheRole(key: String) async throws {
        let (method, pattern) = Self.route(key)
        let uri = Self.uri(pattern)
        let access = try #require(Self.table[key])
        try await Self.withServices { services, client in
            // given: one person of each role (user 1 is the first one made), enrolled so that "enrolled learner"
            // routes are decided by the role alone
            try await People.make(services, "nguoi-dau-tien")
            for role in Role.allCases {
                let user = try await People.make(services, "vai-\(role.rawValue)", role: role)
                try await services.enrollments.enroll(userID: user.id ?? 0, course: "sample", by: nil)
                var headers = try await People.browser(services, user)
                headers[.contentType] = "application/x-www-form-urlencoded"
                // when
                let response = try await client.execute(
                    uri: uri, method: method, headers: headers, body: People.form(["csv": "username,full_name"]))
                // then
                let allowed =
                    switch access {
                    case .open, .signedIn: true
                    case .roles(let roles): roles.contains(role)
                    case .address: false
                    }
                if allowed {
                    #expect(
                        ![.unauthorized, .forbidden].contains(response.status), "\(role) \(key): \(response.status)")
                } else {
                    #expect(response.status == .forbidden, "\(role) \(key): \(response.status)")
                }
            }
            // and nobody signed in: the sign-in page for a page, 401 (or the CSRF 403) for everything else
            let anonymous = try await client.execute(
                uri: uri, method: method,
                headers: [.cookie: "csrf=\(People.csrf)", .contentType: "application/x-www-form-urlencoded"],
                body: People.form([:]))
            if method == .get && !pattern.hasPrefix("/api/") {
                #expect(anonymous.status == .found, "anonymous \(key)")
                #expect(anonymous.headers[.location]?.hasPrefix("/login?next=") == true, "anonymous \(key)")
            } else {
                #expect(
                    [.unauthorized, .forbidden].contains(anonymous.status), "anonymous \(key): \(anonymous.status)")
            }
        }
    }

    /// `/metrics` answers by address alone: from no address (the router client has none), every role and nobody
    /// signed in get the same 404, as for a page that does not exist.
    @Test func metricsIsNotOpenedByAnyRole() async throws {
        try await Self.withServices { services, client in
            var statuses: [HTTPResponse.Status] = []
            for role in Role.allCases {
                let user = try await People.make(services, "do-\(role.rawValue)", role: role)
                let response = try await client.execute(
                    uri: "/metrics", method: .get, headers: try await People.browser(services, user))
                statuses.append(response.status)
            }
            statuses.append(try await client.execute(uri: "/metrics", method: .get).status)
            #expect(statuses.allSatisfy { $0 == .notFound }, "\(statuses)")
        }
    }

    @Test(arguments: openRoutes)
    func openRoutesNeedNoSession(key: String) async throws {
        let (method, pattern) = Self.route(key)
        try await Self.withServices { _, client in
            let response = try await client.execute(
                uri: Self.uri(pattern), method: method,
                headers: [.cookie: "csrf=\(People.csrf)", .contentType: "application/x-www-form-urlencoded"],
                body: People.form([:]))
            // (the sign-in routes answer 401 to the empty credentials sent here: that is their answer, not a refusal)
            let signIn = ["POST /login", "POST /api/v1/session"].contains(key)
            #expect(
                response.status != .forbidden && (signIn || response.status != .unauthorized),
                "\(key): \(response.status)")
            #expect(response.headers[.location]?.hasPrefix("/login") != true, "\(key) sent to the sign-in page")
        }
    }
}
