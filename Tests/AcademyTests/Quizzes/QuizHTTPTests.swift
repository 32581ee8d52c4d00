import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import Academy

@Suite struct QuizHTTPTests {
    func enrolled(_ services: AppServices, _ name: String) async throws -> (User, HTTPFields) {
        let user = try await People.make(services, name)
        try await services.enrollments.enroll(userID: user.id ?? 0, course: "sample", by: nil)
        var headers = try await People.bearer(services, user)
        headers[.contentType] = "application/json"
        return (user, headers)
    }

    func start(_ client: any TestClientProtocol, _ headers: HTTPFields, module: String = "bai-mot") async throws
        -> [String: Any]
    {
        let response = try await client.execute(
            uri: "/api/v1/courses/sample/quizzes/\(module)/attempts", method: .post, headers: headers)
        #expect([.created, .ok].contains(response.status))
        return try #require(response.json)
    }

    @Test func startNeverRevealsTheAnswers() async throws {
        try await TestApp.withServices { services, client in
            let (_, headers) = try await enrolled(services, "hocvien1")
            let response = try await client.execute(
                uri: "/api/v1/courses/sample/quizzes/bai-mot/attempts", method: .post, headers: headers)
            #expect(response.status == .created)
            #expect(!response.text.contains("weight"))
            #expect(!response.text.contains("correct"))
            #expect(!response.text.contains("feedback"))
            let questions = try #require(response.json?["questions"] as? [[String: Any]])
            #expect(questions.map { $0["id"] as? String } == ["tru-cot", "mat-khau"])
            let again = try await client.execute(
                uri: "/api/v1/courses/sample/quizzes/bai-mot/attempts", method: .post, headers: headers)
            #expect(again.status == .ok)
            #expect(again.json?["attempt_id"] as? String == response.json?["attempt_id"] as? String)
        }
    }

    @Test func autosaveThenSubmitTwiceGivesTheSameResult() async throws {
        try await TestApp.withServices { services, client in
            let (_, headers) = try await enrolled(services, "hocvien2")
            let id = try #require(try await start(client, headers)["attempt_id"] as? String)
            let saved = try await client.execute(
                uri: "/api/v1/attempts/\(id)/answers/tru-cot", method: .put, headers: headers,
                body: ByteBuffer(string: #"{"choice_ids":["a"]}"#))
            #expect(saved.status == .noContent)
            let first = try await client.execute(
                uri: "/api/v1/attempts/\(id)/submission", method: .post, headers: headers,
                body: ByteBuffer(string: #"{"answers":{"mat-khau":{"choice_ids":["false"]}}}"#))
            #expect(first.status == .ok)
            #expect(first.json?["percent"] as? Double == 100)
            #expect(first.json?["passed"] as? Bool == true)
            let second = try await client.execute(
                uri: "/api/v1/attempts/\(id)/submission", method: .post, headers: headers,
                body: ByteBuffer(string: #"{"answers":{"mat-khau":{"choice_ids":["true"]}}}"#))
            #expect(second.text == first.text)
            // a closed attempt takes no more answers
            let late = try await client.execute(
                uri: "/api/v1/attempts/\(id)/answers/tru-cot", method: .put, headers: headers,
                body: ByteBuffer(string: #"{"choice_ids":["b"]}"#))
            #expect(late.status == .conflict)
            #expect((late.json?["error"] as? [String: Any])?["code"] as? String == "attempt_closed")
        }
    }

    @Test func refusalsChangeNothing() async throws {
        try await TestApp.withServices { services, client in
            let (_, owner) = try await enrolled(services, "chu-bai")
            let (_, other) = try await enrolled(services, "nguoi-khac")
            let id = try #require(try await start(client, owner)["attempt_id"] as? String)
            let notInAttempt = try await client.execute(
                uri: "/api/v1/attempts/\(id)/answers/khong-co", method: .put, headers: owner,
                body: ByteBuffer(string: #"{"choice_ids":["a"]}"#))
            #expect(notInAttempt.status == .unprocessableContent)
            let badChoice = try await client.execute(
                uri: "/api/v1/attempts/\(id)/answers/tru-cot", method: .put, headers: owner,
                body: ByteBuffer(string: #"{"choice_ids":["z"]}"#))
            #expect(badChoice.status == .unprocessableContent)
            let stranger = try await client.execute(
                uri: "/api/v1/attempts/\(id)/answers/tru-cot", method: .put, headers: other,
                body: ByteBuffer(string: #"{"choice_ids":["a"]}"#))
            #expect(stranger.status == .forbidden)
            let strangerSubmit = try await client.execute(
                uri: "/api/v1/attempts/\(id)/submission", method: .post, headers: other)
            #expect(strangerSubmit.status == .forbidden)
            let unknown = try await client.execute(
                uri: "/api/v1/attempts/khongcobailamnay/submission", method: .post, headers: owner)
            #expect(unknown.status == .notFound)
            let badJSON = try await client.execute(
                uri: "/api/v1/attempts/\(id)/answers/tru-cot", method: .put, headers: owner,
                body: ByteBuffer(string: "{"))
            #expect(badJSON.status == .badRequest)
            let answers = try await services.database.writer.read { db in
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM answer")
            }
            #expect(answers == 0)
            let submitted = try await services.database.writer.read { db in
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM attempt WHERE submitted_at IS NOT NULL")
            }
            #expect(submitted == 0)
        }
    }

    @Test func theFormWorksWithoutJavaScript() async throws {
        try await TestApp.withServices { services, client in
            let user = try await People.make(services, "khong-js")
            try await services.enrollments.enroll(userID: user.id ?? 0, course: "sample", by: nil)
            let browser = People.formHeaders(try await People.browser(services, user))
            let started = try await client.execute(
                uri: "/courses/sample/bai-mot/quiz", method: .post, headers: browser, body: People.form([:]))
            #expect(started.status == .seeOther)
            let location = try #require(started.headers[.location])
            let page = try await client.execute(uri: location, method: .get, headers: browser)
            #expect(page.text.contains("name=\"q-tru-cot\" value=\"a\""))
            #expect(page.text.contains("Nộp bài"))
            // save for later, then reload: the answer is still ticked
            _ = try await client.execute(
                uri: location + "/save", method: .post, headers: browser, body: People.form(["q-tru-cot": "b"]))
            let reloaded = try await client.execute(uri: location, method: .get, headers: browser)
            #expect(reloaded.text.contains("value=\"b\" checked"))
            let submitted = try await client.execute(
                uri: location + "/submit", method: .post, headers: browser,
                body: People.form(["q-tru-cot": "a", "q-mat-khau": "false"]))
            #expect(submitted.status == .seeOther)
            let result = try await client.execute(uri: location, method: .get, headers: browser)
            #expect(result.text.contains("Chúc mừng"))
            #expect(result.text.contains("Điểm: 2/2 (100\u{00A0}%)"))
        }
    }

    @Test func trainersSeeTheAnswerKeyLearnersDoNot() async throws {
        try await TestApp.withServices { services, client in
            let trainer = try await People.make(services, "giangvien", role: .trainer)
            let learner = try await People.make(services, "hocvien9")
            let key = try await client.execute(
                uri: "/api/v1/courses/sample/quizzes/kiem-tra", method: .get,
                headers: try await People.bearer(services, trainer))
            #expect(key.status == .ok)
            let questions = try #require(key.json?["questions"] as? [[String: Any]])
            #expect(questions.first { $0["id"] as? String == "to-cap-xa" }?["value"] as? Double == 138)
            #expect(key.json?["pass_percent"] as? Double == 80)
            let refused = try await client.execute(
                uri: "/api/v1/courses/sample/quizzes/kiem-tra", method: .get,
                headers: try await People.bearer(services, learner))
            #expect(refused.status == .forbidden)
            let stats = try await client.execute(
                uri: "/courses/sample/kiem-tra/quiz/stats", method: .get,
                headers: try await People.browser(services, trainer))
            #expect(stats.status == .ok)
            #expect(stats.text.contains("to-cap-xa"))
        }
    }

    @Test func statisticsFindTheMostChosenWrongAnswer() async throws {
        let services = try await TestApp.services()
        let store = services.attemptsWithoutCertificates
        let course = try #require(services.catalog.snapshot.course("sample"))
        let module = try #require(course.module("bai-mot"))
        for (index, choice) in ["b", "c", "c", "a"].enumerated() {
            let user = try await People.make(services, "thongke\(index)")
            try await services.enrollments.enroll(userID: user.id ?? 0, course: "sample", by: nil)
            let (attempt, _) = try await store.startOrResume(userID: user.id ?? 0, course: course, module: module)
            _ = try await store.submit(
                attemptID: attempt.id, userID: user.id ?? 0, answers: ["tru-cot": QuizAnswer(choiceIds: [choice])],
                course: course)
        }
        let stats = try await QuizStats.compute(
            database: services.database, course: "sample", module: "bai-mot", quiz: try #require(module.quiz))
        let item = try #require(stats.items.first { $0.question.id == "tru-cot" })
        #expect(stats.attempts == 4)
        #expect(item.answered == 4)
        #expect(item.right == 1)
        #expect(item.commonWrong?.text == "Bốn")
        #expect(item.commonWrong?.count == 2)
    }
}
