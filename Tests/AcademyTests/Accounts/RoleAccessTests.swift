import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@testable import Academy

/// Every protected route, tried with every role and with no session.
@Suite struct RoleAccessTests {
    struct Route: Sendable, CustomStringConvertible {
        let method: HTTPRequest.Method
        let path: String
        let allowed: Set<Role>
        var description: String { "\(method) \(path)" }
    }

    static let everyone: Set<Role> = Set(Role.allCases)
    static let routes: [Route] = [
        Route(method: .get, path: "/admin/courses", allowed: [.trainer, .admin]),
        Route(method: .post, path: "/admin/courses/reload", allowed: [.trainer, .admin]),
        Route(method: .get, path: "/admin/import", allowed: [.trainer, .admin]),
        Route(method: .post, path: "/admin/import", allowed: [.trainer, .admin]),
        Route(method: .get, path: "/admin/enroll", allowed: [.trainer, .admin]),
        Route(method: .post, path: "/admin/enroll", allowed: [.trainer, .admin]),
        Route(method: .get, path: "/admin/users", allowed: [.admin]),
        Route(method: .get, path: "/admin/users/1", allowed: [.admin]),
        Route(method: .post, path: "/admin/users/1/role", allowed: [.admin]),
        Route(method: .post, path: "/admin/users/1/password", allowed: [.admin]),
        Route(method: .post, path: "/admin/users/1/active", allowed: [.admin]),
        Route(method: .get, path: "/account/password", allowed: everyone),
        Route(method: .post, path: "/courses/sample/enroll", allowed: [.learner, .admin]),
        Route(method: .post, path: "/api/v1/users/import?dry_run=true", allowed: [.trainer, .admin]),
        Route(method: .get, path: "/api/v1/me", allowed: everyone),
        Route(method: .get, path: "/api/v1/me/enrollments", allowed: [.learner, .admin]),
        Route(method: .post, path: "/api/v1/courses/sample/enrollment", allowed: [.learner, .admin]),
        Route(method: .get, path: "/courses/sample/kiem-tra/quiz", allowed: everyone),
        Route(method: .post, path: "/courses/sample/kiem-tra/quiz", allowed: [.learner, .admin]),
        Route(method: .get, path: "/courses/sample/kiem-tra/quiz/stats", allowed: [.trainer, .admin]),
        Route(method: .get, path: "/api/v1/courses/sample/quizzes/kiem-tra", allowed: [.trainer, .admin]),
        Route(method: .post, path: "/api/v1/courses/sample/quizzes/kiem-tra/attempts", allowed: [.learner, .admin]),
        Route(method: .get, path: "/certificates", allowed: everyone),
        Route(method: .get, path: "/api/v1/me/certificates", allowed: everyone),
        Route(method: .get, path: "/admin/certificates", allowed: [.hr, .admin]),
        Route(method: .post, path: "/admin/certificates/AAAA-BBBB-CCCC/revoke", allowed: [.hr, .admin]),
        Route(method: .get, path: "/admin/certificates/export?course=sample", allowed: [.hr, .admin]),
        Route(method: .post, path: "/api/v1/certificates/AAAA-BBBB-CCCC/revocation", allowed: [.hr, .admin]),
        Route(method: .get, path: "/author", allowed: [.trainer, .admin]),
        Route(method: .get, path: "/author/courses/sample", allowed: [.trainer, .admin]),
        Route(method: .get, path: "/author/courses/sample/modules/bai-mot/lesson", allowed: [.trainer, .admin]),
        Route(method: .get, path: "/author/courses/sample/modules/bai-mot/quiz", allowed: [.trainer, .admin]),
        Route(method: .get, path: "/author/courses/sample/history", allowed: [.trainer, .admin]),
        Route(method: .get, path: "/author/courses/sample/export", allowed: [.trainer, .admin]),
        Route(method: .post, path: "/author/courses/sample/publish", allowed: [.trainer, .admin]),
        Route(method: .post, path: "/author/import", allowed: [.trainer, .admin]),
        Route(method: .get, path: "/reports", allowed: [.trainer, .hr, .admin]),
        Route(method: .get, path: "/reports.csv", allowed: [.trainer, .hr, .admin]),
        Route(method: .get, path: "/reports/print", allowed: [.trainer, .hr, .admin]),
        Route(method: .get, path: "/reports/quiz?course=sample&quiz=kiem-tra", allowed: [.trainer, .hr, .admin]),
        Route(method: .get, path: "/reports/quiz.csv?course=sample&quiz=kiem-tra", allowed: [.trainer, .hr, .admin]),
        Route(method: .get, path: "/api/v1/reports/completion?course=sample", allowed: [.trainer, .hr, .admin]),
        Route(method: .get, path: "/api/v1/reports/completion.csv?course=sample", allowed: [.trainer, .hr, .admin]),
        Route(method: .get, path: "/admin/audit", allowed: [.admin]),
    ]

    @Test(arguments: routes)
    func routeChecksTheRole(route: Route) async throws {
        try await TestApp.withServices { services, client in
            // given: one person of each role (user 1 is the first one made)
            try await People.make(services, "nguoi-dau-tien")
            for role in Role.allCases {
                let user = try await People.make(services, "vai-\(role.rawValue)", role: role)
                // enrolled, so that "enrolled learner" routes are decided by the role alone
                try await EnrollmentStore(database: services.database).enroll(userID: user.id ?? 0, course: "sample", by: nil)
                var headers = try await People.browser(services, user)
                headers[.contentType] = "application/x-www-form-urlencoded"
                // when
                let response = try await client.execute(
                    uri: route.path, method: route.method, headers: headers, body: People.form(["csv": "username,full_name"]))
                // then
                if route.allowed.contains(role) {
                    #expect(![.unauthorized, .forbidden].contains(response.status), "\(role) \(route)")
                } else {
                    #expect(response.status == .forbidden, "\(role) \(route)")
                }
            }
            // and nobody signed in: sign-in page for a page, 401 for the API, 401 for a form post
            let anonymous = try await client.execute(
                uri: route.path, method: route.method, headers: [.cookie: "csrf=\(People.csrf)"],
                body: People.form([:]))
            if route.method == .get && !route.path.hasPrefix("/api/") {
                #expect(anonymous.status == .found, "anonymous \(route)")
                #expect(anonymous.headers[.location]?.hasPrefix("/login?next=") == true)
            } else {
                #expect([.unauthorized, .forbidden].contains(anonymous.status), "anonymous \(route)")
            }
        }
    }
}
