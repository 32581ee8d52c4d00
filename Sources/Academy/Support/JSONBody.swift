import Hummingbird

/// The one way a handler reads a JSON request body: within the route's body limit, only as `application/json`,
/// parsed strictly by `JSONReader` and read into a `JSONReadable` type, with a 400 a client can act on.
enum JSONBody {
    static func decode<T: JSONReadable>(_ type: T.Type, from request: Request, context: AppRequestContext)
        async throws -> T
    {
        guard let value = try await decodeIfPresent(type, from: request, context: context) else {
            throw AppError(.badRequest, "json_invalid")
        }
        return value
    }

    /// nil for an empty body (an optional JSON body that was left out).
    static func decodeIfPresent<T: JSONReadable>(_ type: T.Type, from request: Request, context: AppRequestContext)
        async throws -> T?
    {
        var request = request
        let body = try await request.collectBody(upTo: context.bodyLimit)
        if body.readableBytesView.allSatisfy({ $0 == 32 || $0 == 10 || $0 == 13 || $0 == 9 }) { return nil }
        guard request.headers[.contentType]?.lowercased().hasPrefix("application/json") == true else {
            throw AppError(.unsupportedMediaType, "json_expected")
        }
        return try read(type, from: body.readableBytesView)
    }

    /// `bytes` read as a `T`: `json_invalid` unless they are one well-formed JSON object, then `json_missing_field`
    /// or `json_wrong_type` naming the field (as `answers.q_1.text`).
    static func read<T: JSONReadable>(_ type: T.Type, from bytes: some Collection<UInt8>) throws(AppError) -> T {
        guard case .object(let fields)? = JSONReader.parse(bytes) else { throw AppError(.badRequest, "json_invalid") }
        do {
            return try T(json: JSONObject(fields))
        } catch {
            switch error {
            case .missing(let path): throw AppError(.badRequest, "json_missing_field", path)
            case .wrongType(let path): throw AppError(.badRequest, "json_wrong_type", path)
            }
        }
    }
}
