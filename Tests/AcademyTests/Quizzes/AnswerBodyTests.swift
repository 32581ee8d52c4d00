import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import Academy

/// Issue 14: answer bodies have one reader, so every edge case gets one answer, through HTTP as a client sees it.
@Suite struct AnswerBodyTests {
    func errorCode(_ response: TestResponse) -> String? {
        (response.json?["error"] as? [String: Any])?["code"] as? String
    }

    func errorMessage(_ response: TestResponse) -> String? {
        (response.json?["error"] as? [String: Any])?["message"] as? String
    }

    @Test func malformedAnswerBodiesAre400AndSaveNothing() async throws {
        try await TestApp.withServices { services, client in
            // given
            let quiz = QuizHTTPTests()
            let (_, headers) = try await quiz.enrolled(services, "dau-phay")
            let id = try #require(try await quiz.start(client, headers)["attempt_id"] as? String)
            // when
            var responses: [(TestResponse, String)] = []
            for body in [
                #"{"choice_ids":["a"],}"#, #"{"choice_ids":["a",]}"#, #"{"choice_ids":["a"],"choice_ids":["b"]}"#,
            ] {
                let response = try await client.execute(
                    uri: "/api/v1/attempts/\(id)/answers/tru-cot", method: .put, headers: headers,
                    body: ByteBuffer(string: body))
                responses.append((response, body))
            }
            let submission = try await client.execute(
                uri: "/api/v1/attempts/\(id)/submission", method: .post, headers: headers,
                body: ByteBuffer(string: #"{"answers":{"tru-cot":{"choice_ids":["a"]},}}"#))
            responses.append((submission, "submission with a trailing comma"))
            // then: a trailing comma and a repeated key are refused, as JSON says, not read leniently
            for (response, body) in responses {
                #expect(response.status == .badRequest, "\(body)")
                #expect(errorCode(response) == "json_invalid", "\(body)")
            }
            let saved = try await services.database.writer.read { db in
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM answer")
            }
            #expect(saved == 0)
        }
    }

    @Test func wrongTypesAndHugeNumbersNameTheField() async throws {
        try await TestApp.withServices { services, client in
            // given
            let quiz = QuizHTTPTests()
            let (_, headers) = try await quiz.enrolled(services, "so-lon")
            let id = try #require(try await quiz.start(client, headers)["attempt_id"] as? String)
            // when
            let hugeText = try await client.execute(
                uri: "/api/v1/attempts/\(id)/answers/tru-cot", method: .put, headers: headers,
                body: ByteBuffer(string: #"{"text": 123456789012345678901234567890e999}"#))
            let nested = try await client.execute(
                uri: "/api/v1/attempts/\(id)/submission", method: .post, headers: headers,
                body: ByteBuffer(string: #"{"answers":{"tru-cot":{"choice_ids":"a"}}}"#))
            let ignored = try await client.execute(
                uri: "/api/v1/attempts/\(id)/answers/tru-cot", method: .put, headers: headers,
                body: ByteBuffer(string: #"{"choice_ids":["a"],"client_clock":1e999999}"#))
            // then: a huge number where text belongs is the wrong type; one in a field nobody reads is valid JSON
            #expect(hugeText.status == .badRequest)
            #expect(errorCode(hugeText) == "json_wrong_type")
            #expect(errorMessage(hugeText)?.contains("\"text\"") == true)
            #expect(nested.status == .badRequest)
            #expect(errorMessage(nested)?.contains("\"answers.tru-cot.choice_ids\"") == true, "\(nested.text)")
            #expect(ignored.status == .noContent)
        }
    }

    @Test func questionIdsWithUnderscoresStayAsWritten() async throws {
        try await TestApp.withServices { services, client in
            // given
            let quiz = QuizHTTPTests()
            let (_, headers) = try await quiz.enrolled(services, "gach-duoi")
            let id = try #require(try await quiz.start(client, headers)["attempt_id"] as? String)
            // when: an id the attempt does not have, spelled with an underscore and capitals
            let response = try await client.execute(
                uri: "/api/v1/attempts/\(id)/submission", method: .post, headers: headers,
                body: ByteBuffer(string: #"{"answers":{"tru_cot_2B":{"choice_ids":["a"]}}}"#))
            // then: refused under the id the client sent, not a renamed one
            #expect(response.status == .unprocessableContent)
            #expect(errorMessage(response)?.contains("\"tru_cot_2B\"") == true, "\(response.text)")
        }
    }
}
