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
        let routed = Set(
            router.routes.compactMap { route -> String? in
                let path = route.path.description
                guard path.hasPrefix("/api/v1") else { return nil }
                let openAPIPath = path.split(separator: "/").map {
                    $0.hasPrefix(":") ? "{\($0.dropFirst())}" : String($0)
                }
                .joined(separator: "/")
                return "\(route.method.rawValue) /\(openAPIPath)"
            })
        try await TestApp.router(services).test(.router) { client in
            let response = try await client.execute(uri: "/api/v1/openapi.json", method: .get)
            #expect(response.status == .ok)
            let document = try #require(response.json)
            #expect((document["openapi"] as? String)?.hasPrefix("3.1") == true)
            let paths = try #require(document["paths"] as? [String: [String: Any]])
            let documented = Set(
                paths.flatMap { path, operations in
                    operations.keys.filter { ["get", "post", "put", "delete", "patch"].contains($0) }
                        .map { "\($0.uppercased()) \(path)" }
                })
            #expect(routed.subtracting(documented).sorted() == [], "routes missing from openapi.json")
            #expect(documented.subtracting(routed).sorted() == [], "documented routes that do not exist")
        }
    }

    /// Every address refuses `..`, encoded slashes and backslashes with `400 bad_path` before routing; each
    /// operation with a path parameter must say so (schemathesis found it undocumented, issue 13 point 20).
    @Test func everyOperationWithAPathParameterDocumentsBadPath() async throws {
        try await TestApp.test { client in
            let response = try await client.execute(uri: "/api/v1/openapi.json", method: .get)
            let document = try #require(response.json)
            let paths = try #require(document["paths"] as? [String: [String: Any]])
            for (path, operations) in paths where path.contains("{") {
                for (method, operation) in operations {
                    let responses = (operation as? [String: Any])?["responses"] as? [String: Any]
                    let badRequest = (responses?["400"] as? [String: Any])?["description"] as? String ?? ""
                    #expect(badRequest.contains("`bad_path`"), "\(method.uppercased()) \(path)")
                }
            }
            // and the server does refuse such a parameter so
            let refused = try await client.execute(uri: "/api/v1/courses/a%5Cb", method: .get)
            #expect(refused.status == .badRequest)
            #expect((refused.json?["error"] as? [String: Any])?["code"] as? String == "bad_path")
        }
    }
}
