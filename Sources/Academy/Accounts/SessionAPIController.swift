import Foundation
import Hummingbird

/// `POST/DELETE /api/v1/session` and `GET /api/v1/me`.
struct SessionAPIController {
    let web: SessionController

    /// The sign-in body.
    struct Credentials: Decodable {
        let username: String
        let password: String
    }

    /// A user as the API shows them.
    struct UserInfo: ResponseEncodable, Codable {
        let id: Int64
        let username: String
        let fullName: String
        let role: String
        let district: String
        let commune: String
        let position: String

        init(_ user: User) {
            id = user.id ?? 0
            username = user.username
            fullName = user.fullName
            role = user.role.rawValue
            district = user.district
            commune = user.commune
            position = user.position
        }
    }

    /// The answer to a successful sign-in.
    struct SignedIn: ResponseEncodable {
        let token: String
        let user: UserInfo
    }

    var endpoints: RouteCollection<AppRequestContext> {
        let routes = RouteCollection(context: AppRequestContext.self)
        routes.post("/session", use: create)
        routes.delete("/session", use: delete)
        routes.get("/me", use: me)
        return routes
    }

    /// Signs in: `{token, user}` and the session cookie; 401 on bad credentials; 429 when throttled.
    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let credentials = try await JSONBody.decode(Credentials.self, from: request, context: context)
        switch try await web.signIn(
            username: credentials.username, password: credentials.password, context: context, kind: "bearer")
        {
        case .refused(let error): throw error
        case .signedIn(let user, let token):
            var response = try SignedIn(token: token, user: UserInfo(user)).response(from: request, context: context)
            response.setCookie(web.sessionCookie(token))
            return response
        }
    }

    /// Signs out the calling session.
    @Sendable func delete(_ request: Request, context: AppRequestContext) async throws -> Response {
        try context.requireUser()
        try await web.sessions.end(sessionID: context.sessionID)
        var response = Response(status: .noContent)
        response.setCookie(
            Cookie(name: AuthMiddleware.cookieName, value: "", maxAge: 0, path: "/", secure: web.config.secureCookies,
                   httpOnly: true, sameSite: .lax))
        return response
    }

    /// The signed-in user.
    @Sendable func me(_ request: Request, context: AppRequestContext) async throws -> UserInfo {
        UserInfo(try context.requireUser())
    }
}

/// Decoding JSON bodies with an error a client can act on.
enum JSONBody {
    static func decode<T: Decodable>(
        _ type: T.Type, from request: Request, context: AppRequestContext, fast: ((ByteBuffer) -> T?)? = nil
    ) async throws -> T {
        guard let value = try await decodeIfPresent(type, from: request, context: context, fast: fast) else {
            throw AppError(.badRequest, "json_invalid")
        }
        return value
    }

    /// nil for an empty body (an optional JSON body that was left out). `fast` may read a well-formed body more
    /// cheaply than `JSONDecoder`; whatever it declines (nil) is decoded, or refused, by `JSONDecoder` as usual.
    static func decodeIfPresent<T: Decodable>(
        _ type: T.Type, from request: Request, context: AppRequestContext, fast: ((ByteBuffer) -> T?)? = nil
    ) async throws -> T? {
        var request = request
        let body = try await request.collectBody(upTo: context.bodyLimit)
        if body.readableBytesView.allSatisfy({ $0 == 32 || $0 == 10 || $0 == 13 || $0 == 9 }) { return nil }
        guard request.headers[.contentType]?.lowercased().hasPrefix("application/json") == true else {
            throw AppError(.unsupportedMediaType, "json_expected")
        }
        if let fast, let value = fast(body) { return value }
        do {
            return try context.requestDecoder.decode(T.self, from: Data(buffer: body))
        } catch let DecodingError.keyNotFound(key, _) {
            throw AppError(.badRequest, "json_missing_field", key.stringValue.snakeCased)
        } catch let DecodingError.typeMismatch(_, detail) {
            throw AppError(.badRequest, "json_wrong_type", detail.codingPath.map(\.stringValue.snakeCased).joined(separator: "."))
        } catch {
            throw AppError(.badRequest, "json_invalid")
        }
    }
}

extension String {
    /// `fullName` → `full_name`, for error messages that name JSON keys as clients write them.
    var snakeCased: String {
        var result = ""
        for character in self {
            if character.isUppercase { result += "_" + character.lowercased() } else { result.append(character) }
        }
        return result
    }
}
