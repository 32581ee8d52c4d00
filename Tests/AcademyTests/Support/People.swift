import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting

@testable import Academy

/// Accounts and signed-in headers for tests.
enum People {
    static let password = "mat-khau-dung-123"
    /// A fixed CSRF nonce (43 characters, like the real ones) sent as the `csrf` cookie.
    static let csrf = String(repeating: "c", count: 43)

    @discardableResult
    static func make(
        _ services: AppServices, _ username: String, role: Role = .learner, name: String? = nil,
        commune: String = "Xã A",
        district: String = "Huyện B"
    ) async throws -> User {
        let hash = try await services.accounts.hash(password: password)
        return try await services.accounts.create(
            User(
                username: username, fullName: name ?? "Người \(username)", role: role, passwordHash: hash,
                district: district, commune: commune))
    }

    /// Headers of a browser signed in as `user`: session and CSRF cookies, and the session's CSRF token as a
    /// page's script would send it (forms may send it again as `_csrf`: the header is read first).
    static func browser(_ services: AppServices, _ user: User) async throws -> HTTPFields {
        let token = try await services.sessions.create(userID: user.id ?? 0, kind: "cookie")
        let session = try await services.sessions.resolve(token: token)
        return [
            .cookie: "session=\(token); csrf=\(csrf)",
            CSRFMiddleware.headerName: services.csrf.token(nonce: csrf, sessionID: session?.0.id),
        ]
    }

    /// The form token of a browser with the `csrf` cookie `People.csrf` and no session (the sign-in form).
    static let anonymousToken = CSRFTokens(secret: Array(TestApp.csrfSecret.utf8)).token(nonce: csrf, sessionID: nil)

    /// Headers of an API client signed in as `user` with a bearer token.
    static func bearer(_ services: AppServices, _ user: User) async throws -> HTTPFields {
        let token = try await services.sessions.create(userID: user.id ?? 0, kind: "bearer")
        return [.authorization: "Bearer \(token)"]
    }

    static func form(_ fields: [String: String]) -> ByteBuffer {
        var all = fields
        all["_csrf"] = all["_csrf"] ?? anonymousToken
        let body = all.map { key, value in
            "\(key)=\(value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")"
        }.joined(separator: "&")
        return ByteBuffer(string: body)
    }

    static func formHeaders(_ headers: HTTPFields) -> HTTPFields {
        var headers = headers
        headers[.contentType] = "application/x-www-form-urlencoded"
        return headers
    }
}
