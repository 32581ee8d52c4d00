import Foundation
import Hummingbird

/// `GET /api/v1/openapi.json`: the document describing every JSON route (kept true by a test).
struct OpenAPIController {
    let document: ByteBuffer

    /// Reads the shipped document once; a missing or broken file stops start-up.
    init(resourcesDirectory: String) throws {
        let path = (resourcesDirectory as NSString).appendingPathComponent("openapi.json")
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        _ = try JSONSerialization.jsonObject(with: data)
        document = ByteBuffer(bytes: data)
    }

    var endpoints: RouteCollection<AppRequestContext> {
        let routes = RouteCollection(context: AppRequestContext.self)
        routes.get("/openapi.json", use: serve)
        return routes
    }

    /// The OpenAPI 3.1 document.
    @Sendable func serve(_ request: Request, context: AppRequestContext) async throws -> Response {
        Response(
            status: .ok, headers: [.contentType: "application/json", .cacheControl: "public, max-age=300"],
            body: .init(byteBuffer: document))
    }
}
