import Hummingbird

/// The way a handler reads a form (or a query string) of fixed fields: Hummingbird's `URLEncodedFormDecoder` into a
/// `Decodable` struct that names them, within the route's body limit; input it cannot read is the 400 page.
///
/// A form whose fields repeat (checkboxes sharing a name, as browsers send them: `a=1&a=2`) is read by `FormData`
/// instead: `URLEncodedFormDecoder` refuses a repeated key unless it is written `a[]`.
enum FormBody {
    static let decoder = URLEncodedFormDecoder()

    /// The request's body as a `T`.
    static func decode<T: Decodable>(_ type: T.Type, from request: Request, context: AppRequestContext)
        async throws -> T
    {
        var request = request
        let body = try await request.collectBody(upTo: context.bodyLimit)
        return try decode(type, from: String(decoding: body.readableBytesView, as: UTF8.self))
    }

    /// The request's query string as a `T`.
    static func query<T: Decodable>(_ type: T.Type, from request: Request) throws(AppError) -> T {
        try decode(type, from: request.uri.query ?? "")
    }

    /// `text` (`a=1&b=2`) as a `T`: a bad percent escape, a malformed key or a repeated one is a 400.
    static func decode<T: Decodable>(_ type: T.Type, from text: String) throws(AppError) -> T {
        do {
            return try decoder.decode(type, from: text)
        } catch {
            throw AppError(.badRequest, "bad_request")
        }
    }
}
