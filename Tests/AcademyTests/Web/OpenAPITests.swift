import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import Academy

/// The OpenAPI document and the router must describe the same JSON routes.
@Suite struct OpenAPITests {
    @Test func everyAPIRouteIsDocumentedAndNothingElse() async throws {
        let services = try await TestApp.services()
        let router = buildRouter(services)
        try router.validate()
        let routed = Set(router.routes.compactMap { route -> String? in
            let path = route.path.description
            guard path.hasPrefix("/api/v1") else { return nil }
            let openAPIPath = path.split(separator: "/").map { $0.hasPrefix(":") ? "{\($0.dropFirst())}" : String($0) }
                .joined(separator: "/")
            return "\(route.method.rawValue) /\(openAPIPath)"
        })
        try await TestApp.router(services).test(.router) { client in
            let response = try await client.execute(uri: "/api/v1/openapi.json", method: .get)
            #expect(response.status == .ok)
            let document = try #require(response.json)
            #expect((document["openapi"] as? String)?.hasPrefix("3.1") == true)
            let paths = try #require(document["paths"] as? [String: [String: Any]])
            let documented = Set(paths.flatMap { path, operations in
                operations.keys.filter { ["get", "post", "put", "delete", "patch"].contains($0) }
                    .map { "\($0.uppercased()) \(path)" }
            })
            #expect(routed.subtracting(documented).sorted() == [], "routes missing from openapi.json")
            #expect(documented.subtracting(routed).sorted() == [], "documented routes that do not exist")
        }
    }
}
