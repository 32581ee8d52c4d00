import Foundation
import Testing

@testable import Academy

/// The short way for quiz JSON must read exactly what `JSONDecoder` reads, and decline what it refuses.
@Suite struct QuizJSONTests {
    let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return decoder
    }()

    @Test(arguments: [
        #"{"choice_ids": ["a", "b"]}"#, #"{"choiceIds":[]}"#, #"{"text": "Tuyên Quang"}"#,
        #"{"text": "dòng 1\ndòng 2 \"trích\" \\ \/ \u0041\u1EBF \ud83d\ude00"}"#, #"{"text": null, "choice_ids": null}"#,
        #" { "text" : "x" , "extra": [1, -2.5e+3, true, false, null, {"a": {}}] } "#, "{}",
    ])
    func wellFormedAnswersReadAlike(json: String) throws {
        let expected = try decoder.decode(QuizAnswer.self, from: Data(json.utf8))
        let value = try #require(QuizJSON.parse(json.utf8))
        #expect(QuizJSON.answer(value) == expected)
    }

    @Test(arguments: [
        #"{"text": 5}"#, #"{"choice_ids": "a"}"#, #"{"choice_ids": [1]}"#, #"["a"]"#,
    ])
    func wrongTypesAreLeftToJSONDecoder(json: String) {
        #expect((try? decoder.decode(QuizAnswer.self, from: Data(json.utf8))) == nil)
        #expect(QuizJSON.parse(json.utf8).flatMap(QuizJSON.answer) == nil)
    }

    @Test(arguments: [
        "", "{", #"{"text": "x""#, #"{"text": "x",}"#, #"{"text" "x"}"#, #"{"text": "\x"}"#, #"{"text": "\ud83d"}"#,
        "{\"text\": \"tab\tinside\"}", #"{"a": 01}"#, #"{"a": 1.}"#, #"{"a": tru}"#, #"{} {}"#, #"{"a": -}"#,
    ])
    func malformedJSONIsDeclined(json: String) {
        // declined here, it goes to JSONDecoder, which refuses it (or, for a trailing comma, reads it leniently)
        #expect(QuizJSON.parse(json.utf8) == nil)
    }

    @Test func mangledBodiesNeverCrashAndWhatIsReadMatchesJSONDecoder() throws {
        let seed = Array(#"{"answers": {"tru-cot": {"choice_ids": ["a", "b"]}, "q": {"text": "Tuyên \u00e0 \"x\""}}}"#.utf8)
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array(#"{}[]":,\ u0aé"#.utf8) + [0, 0x7F, 0xC3, 0xFF]
        for _ in 0..<3_000 {
            var bytes = seed
            for _ in 0..<Int.random(in: 1...4, using: &generator) {
                let index = Int.random(in: 0..<bytes.count, using: &generator)
                switch Int.random(in: 0..<3, using: &generator) {
                case 0: bytes[index] = alphabet.randomElement(using: &generator) ?? 0
                case 1: bytes.remove(at: index)
                default: bytes.insert(alphabet.randomElement(using: &generator) ?? 0, at: index)
                }
                if bytes.isEmpty { bytes = [0x7B] }
            }
            guard let value = QuizJSON.parse(bytes), let answers = QuizJSON.answers(value) else { continue }
            // whatever the short way reads, JSONDecoder reads the same (keys without underscores here)
            struct Body: Decodable { let answers: [String: QuizAnswer]? }
            let reference = try? decoder.decode(Body.self, from: Data(bytes))
            if let reference, !(answers ?? [:]).keys.contains(where: { $0.contains("_") }) {
                #expect(reference.answers == answers, "\(String(decoding: bytes, as: UTF8.self))")
            }
        }
    }

    @Test func aSubmissionKeepsQuestionIdsAsWritten() throws {
        let json = #"{"answers": {"tru-cot": {"choice_ids": ["a"]}, "q_1": {"text": "138"}}}"#
        let answers = try #require(QuizJSON.parse(json.utf8).flatMap(QuizJSON.answers))
        #expect(answers == ["tru-cot": QuizAnswer(choiceIds: ["a"]), "q_1": QuizAnswer(text: "138")])
        #expect(QuizJSON.parse(#"{"answers": null}"#.utf8).flatMap(QuizJSON.answers) == .some(nil))
        #expect(QuizJSON.parse(#"{"answers": [1]}"#.utf8).flatMap(QuizJSON.answers) == nil)
    }

    @Test func aStoredLayoutReadsAsJSONDecoderReadsIt() throws {
        let layout = Attempt.Layout(items: [
            .init(questionId: "câu-1", choiceIds: ["b", "a", "c"]), .init(questionId: "q\"2", choiceIds: []),
        ])
        let json = String(decoding: try Attempt.databaseJSONEncoder(for: "layout_json").encode(layout), as: UTF8.self)
        #expect(QuizJSON.layout(json) == layout)
        #expect(QuizJSON.layout(#"{"items": [{"questionId": 1, "choiceIds": []}]}"#) == nil)
    }
}
