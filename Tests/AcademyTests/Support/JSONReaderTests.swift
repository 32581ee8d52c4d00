import Foundation
import Testing

@testable import Academy

/// The one reader of JSON bodies (issue 14): strict RFC 8259, and what it reads is what Foundation's parser reads.
@Suite struct JSONReaderTests {
    func answer(_ json: String) throws -> QuizAnswer {
        try JSONBody.read(QuizAnswer.self, from: Array(json.utf8))
    }

    func refusal(_ json: String) -> AppError? {
        do {
            _ = try JSONBody.read(QuizAnswer.self, from: Array(json.utf8))
            return nil
        } catch {
            return error
        }
    }

    @Test(arguments: [
        (#"{"choice_ids": ["a", "b"]}"#, QuizAnswer(choiceIds: ["a", "b"])),
        (#"{"choiceIds":[]}"#, QuizAnswer(choiceIds: [])),
        (#"{"text": "Tuyên Quang"}"#, QuizAnswer(text: "Tuyên Quang")),
        (
            #"{"text": "dòng 1\ndòng 2 \"trích\" \\ \/ \u0041\u1EBF \ud83d\ude00"}"#,
            QuizAnswer(text: "dòng 1\ndòng 2 \"trích\" \\ / Aế 😀")
        ),
        (#"{"text": null, "choice_ids": null}"#, QuizAnswer()),
        (#" { "text" : "x" , "extra": [1, -2.5e+3, true, false, null, {"a": {}}] } "#, QuizAnswer(text: "x")),
        ("{}", QuizAnswer()),
        (#"{"choice_ids": ["a"], "choiceIds": ["b"]}"#, QuizAnswer(choiceIds: ["a"])),
    ])
    func wellFormedAnswersAreRead(json: String, expected: QuizAnswer) throws {
        #expect(try answer(json) == expected)
    }

    @Test(arguments: [
        (#"{"text": 5}"#, "text"), (#"{"choice_ids": "a"}"#, "choice_ids"), (#"{"choice_ids": [1]}"#, "choice_ids"),
        (#"{"text": 123456789012345678901234567890}"#, "text"), (#"{"text": 1e999999}"#, "text"),
    ])
    func wrongTypesNameTheField(json: String, field: String) {
        #expect(refusal(json) == AppError(.badRequest, "json_wrong_type", field))
    }

    @Test(arguments: [
        "", "{", #"{"text": "x""#, #"{"text": "x",}"#, #"{"choice_ids": ["a",]}"#, #"{"text" "x"}"#,
        #"{"text": "\x"}"#, #"{"text": "\ud83d"}"#, "{\"text\": \"tab\tinside\"}", #"{"a": 01}"#, #"{"a": 1.}"#,
        #"{"a": tru}"#, #"{} {}"#, #"{"a": -}"#, #"{"text": "a", "text": "b"}"#, #"["a"]"#, #"{"a": NaN}"#,
        "// note\n{}", #"{'text': 'x'}"#,
    ])
    func malformedJSONIsRefused(json: String) {
        // a trailing comma and a repeated key are refused too, where JSONDecoder would read them leniently
        #expect(refusal(json) == AppError(.badRequest, "json_invalid"))
    }

    @Test func hugeNumbersFollowJSONsGrammarAndAreIgnoredWhereNotAsked() throws {
        #expect(
            try answer(#"{"text": "x", "n": 1e999999, "m": -123456789012345678901234567890.5e-400}"#)
                == QuizAnswer(text: "x"))
        let digits = "123456789012345678901234567890"
        #expect(JSONReader.parse(Array(digits.utf8)) == .number(digits))
    }

    @Test func aSubmissionKeepsQuestionIdsExactlyAsWritten() throws {
        // given: ids with underscores and capitals, which a snake_case key strategy would rename
        let json = #"{"answers": {"tru-cot": {"choice_ids": ["a"]}, "q_1": {"text": "138"}, "dichVu_2B": {}}}"#
        // when
        let submission = try JSONBody.read(QuizAPIController.Submission.self, from: Array(json.utf8))
        // then
        #expect(
            submission.answers == [
                "tru-cot": QuizAnswer(choiceIds: ["a"]), "q_1": QuizAnswer(text: "138"), "dichVu_2B": QuizAnswer(),
            ])
        #expect(
            try JSONBody.read(QuizAPIController.Submission.self, from: Array(#"{"answers": null}"#.utf8)).answers
                == nil)
        #expect(throws: AppError(.badRequest, "json_wrong_type", "answers")) {
            try JSONBody.read(QuizAPIController.Submission.self, from: Array(#"{"answers": [1]}"#.utf8))
        }
        #expect(throws: AppError(.badRequest, "json_wrong_type", "answers.q_1.choice_ids")) {
            try JSONBody.read(
                QuizAPIController.Submission.self, from: Array(#"{"answers": {"q_1": {"choice_ids": "a"}}}"#.utf8))
        }
    }

    @Test func mangledBodiesNeverCrashAndWhatIsReadIsWhatFoundationReads() throws {
        let seed = Array(
            #"{"answers": {"tru-cot": {"choice_ids": ["a", "b"]}, "q": {"text": "Tuyên \u00e0 \"x\""}}}"#.utf8)
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array(#"{}[]":,\ u0aé1e-."#.utf8) + [0, 0x7F, 0xC3, 0xFF]
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
            guard let value = JSONReader.parse(bytes) else { continue }
            // never more lenient than Foundation's own parser, and reading the same values
            let reference = try? JSONSerialization.jsonObject(with: Data(bytes), options: .fragmentsAllowed)
            #expect(reference.map { Self.same(value, $0) } == true, "\(String(decoding: bytes, as: UTF8.self))")
        }
    }

    /// Whether a value read here equals what `JSONSerialization` read.
    static func same(_ value: JSONValue, _ reference: Any) -> Bool {
        switch value {
        case .object(let fields):
            guard let dictionary = reference as? [String: Any], dictionary.count == fields.count else { return false }
            return fields.allSatisfy { key, field in dictionary[key].map { same(field, $0) } ?? false }
        case .array(let items):
            guard let array = reference as? [Any], array.count == items.count else { return false }
            return zip(items, array).allSatisfy { same($0, $1) }
        case .string(let text): return reference as? String == text
        case .number(let text): return (reference as? NSNumber)?.doubleValue == Double(text)
        case .bool(let flag): return (reference as? NSNumber).map { $0.boolValue == flag } ?? false
        case .null: return reference is NSNull
        }
    }

    @Test func aStoredLayoutReadsAsTheSharedEncoderWroteIt() throws {
        let layout = Attempt.Layout(items: [
            .init(questionId: "câu-1", choiceIds: ["b", "a", "c"]), .init(questionId: "q\"2/x", choiceIds: []),
        ])
        let json = String(decoding: try Attempt.databaseJSONEncoder(for: "layout_json").encode(layout), as: UTF8.self)
        #expect(try Attempt.Layout(stored: json) == layout)
        #expect(throws: JSONMismatch.wrongType("items.0.questionId")) {
            try Attempt.Layout(stored: #"{"items": [{"questionId": 1, "choiceIds": []}]}"#)
        }
        #expect(throws: JSONMismatch.missing("items.0.choiceIds")) {
            try Attempt.Layout(stored: #"{"items": [{"questionId": "a"}]}"#)
        }
    }

    @Test func theEscaperWritesWhatJSONDecoderReadsBack() throws {
        // every control character, quotes, backslashes, slashes and non-ASCII text
        let text = String(String.UnicodeScalarView((0..<0x20).compactMap(Unicode.Scalar.init))) + "\"\\/ é 😀 \u{7F}"
        let quoted = JSONString.quoted(text)
        #expect(try JSONDecoder().decode(String.self, from: Data(quoted.utf8)) == text)
        #expect(quoted.hasPrefix(#""\u0000\u0001"#))
        #expect(quoted.contains(#"\b\t\n\u000b\f\r"#) == false, "only \\n \\r \\t are written by name")
        #expect(quoted.contains(#"\u0008\t\n\u000b\u000c\r"#))
        #expect(quoted.hasSuffix(#"\"\\/ é 😀 "# + "\u{7F}\""))
        #expect(JSONString.quoted("plain") == "\"plain\"")
        var bytes: [UInt8] = []
        JSONString.append(text, to: &bytes)
        #expect(String(decoding: bytes, as: UTF8.self) == quoted)
    }
}
