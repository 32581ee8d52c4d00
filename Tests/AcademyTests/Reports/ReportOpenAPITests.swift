import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import Academy

/// The completion report's OpenAPI entries after issue 15: by group and commune, and the district kept for one
/// version, marked deprecated with what replaces it.
@Suite struct ReportOpenAPITests {
    @Test func districtIsDeprecatedAndGroupReplacesIt() async throws {
        try await TestApp.test { client in
            // given
            let response = try await client.execute(uri: "/api/v1/openapi.json", method: .get)
            let document = try #require(response.json)
            let paths = try #require(document["paths"] as? [String: [String: Any]])
            for path in ["/api/v1/reports/completion", "/api/v1/reports/completion.csv"] {
                // when
                let get = try #require(paths[path]?["get"] as? [String: Any])
                let parameters = try #require(get["parameters"] as? [[String: Any]])
                func parameter(_ name: String) -> [String: Any]? { parameters.first { $0["name"] as? String == name } }
                // then
                let district = try #require(parameter("district"))
                #expect(district["deprecated"] as? Bool == true, "\(path)")
                #expect((district["description"] as? String)?.contains("Use `group`") == true, "\(path)")
                #expect(parameter("group") != nil && parameter("group")?["deprecated"] == nil, "\(path)")
                let groupBy = try #require(parameter("group_by"))
                #expect(
                    (groupBy["schema"] as? [String: Any])?["enum"] as? [String] == ["group", "commune", "district"])
                #expect((groupBy["description"] as? String)?.contains("`district`: deprecated") == true)
            }
            let schemas = try #require((document["components"] as? [String: Any])?["schemas"] as? [String: Any])
            let row = try #require((schemas["CompletionGroup"] as? [String: Any])?["properties"] as? [String: Any])
            #expect((row["district"] as? [String: Any])?["deprecated"] as? Bool == true)
            #expect(row["group"] != nil)
            let user = try #require((schemas["User"] as? [String: Any])?["properties"] as? [String: Any])
            #expect(user["district"] == nil, "the signed-in user's answer has no district")
        }
    }
}
