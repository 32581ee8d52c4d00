import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting

@testable import Academy

/// Accounts and signed-in headers for tests.
enum People {
    static let password = "mat-khau-dung-123"
    /// A fixed CSRF token (43 characters, like the real ones) sent both as cookie and as form field.
    static let csrf = String(repeating: "c", count: 43)

    @discardableResult
    static func make(
        _ services: AppServices, _ username: String, role: Role = .learner, name: String? = nil, commune: String = "Xã A",
        district: String = "Huyện B"
    ) async throws -> User {
        let hash = try await services.accounts.hash(password: password)
        return try await services.accounts.create(
            User(username: username, fullName: name ?? "Người \(username)", role: role, passwordHash: hash,
                 district: district, commune: commune))
    }

    /// Headers of a browser signed in as `user`: session and CSRF cookies.
    static func browser(_ services: AppServices, _ user: User) async throws -> HTTPFields {
        let token = try await services.sessions.create(userID: user.id ?? 0, kind: "cookie")
        return [.cookie: "session=\(token); csrf=\(csrf)"]
    }

    /// Headers of an API client signed in as `user` with a bearer token.
    static func bearer(_ services: AppServices, _ user: User) async throws -> HTTPFields {
        let token = try await services.sessions.create(userID: user.id ?? 0, kind: "bearer")
        return [.authorization: "Bearer \(token)"]
    }

    static func form(_ fields: [String: String]) -> ByteBuffer {
        var all = fields
        all["_csrf"] = all["_csrf"] ?? csrf
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
