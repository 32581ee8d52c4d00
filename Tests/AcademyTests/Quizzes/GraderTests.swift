import Foundation
import GRDB
import Testing

@testable import Academy

@Suite struct GraderTests {
    let single = Question(
        id: "s", type: .single, text: "?",
        choices: [Choice(id: "a", text: "A", weight: 100, feedback: "Đúng"), Choice(id: "b", text: "B", weight: 0)],
        line: 1)
    let multiple = Question(
        id: "m", type: .multiple, text: "?",
        choices: [
            Choice(id: "a", text: "A", weight: 50), Choice(id: "b", text: "B", weight: 50),
            Choice(id: "c", text: "C", weight: -100),
        ], line: 1)

    @Test func theASCIIShortcutNormalisesAsTheFullPathDoes() {
        for text in ["  Ha  Noi ", "ABC\t\r\n def", "1.871", "x\u{0B}y\u{0C}z", "", "   ", "MiXeD CaSe 42"] {
            #expect(
                Grader.normalize(text, foldDiacritics: false) == Text.clean(text).lowercased(),
                "\(text.debugDescription)")
            #expect(Grader.normalize(text, foldDiacritics: true) == Text.searchKey(text), "\(text.debugDescription)")
        }
        #expect(Grader.normalize("  Tuyên  QUANG ", foldDiacritics: true) == "tuyen quang")
        #expect(NormalizedForms().normalized("Đà Lạt", foldDiacritics: true) == "da lat")
    }

    /// Stored answers are written by hand for speed: byte for byte what the shared encoder writes.
    @Test func anAnswerIsStoredAsTheSharedEncoderWritesIt() throws {
        let answers = [
            QuizAnswer(choiceIds: ["a", "b\"c"]), QuizAnswer(text: "Tuyên Quang \\ \"138\" xã\n\t\u{1} a/b"),
            QuizAnswer(choiceIds: [], text: ""), QuizAnswer(),
        ]
        for answer in answers {
            #expect(try AppJSON.decoder.decode(QuizAnswer.self, from: Data(answer.json.utf8)) == answer)
            #expect(answer.json == String(decoding: try AppJSON.plain.encode(answer), as: UTF8.self))
        }
    }

    @Test func aResultIsStoredAsTheSharedEncoderWritesIt() throws {
        let results = [
            Attempt.Result(
                score: 7.5, maxScore: 10, percent: 75, passed: true,
                marks: ["b": .init(points: 0.5, feedback: ["Gần \"đúng\""]), "a": .init(points: 1, feedback: [])],
                certificateCode: "ABCD-EFGH"),
            Attempt.Result(
                score: 1.0 / 3, maxScore: 3, percent: 11.1, passed: false,
                marks: ["q": .init(points: 1.0 / 3, feedback: ["x\ny"])], certificateCode: nil),
            Attempt.Result(score: 0, maxScore: 0, percent: 0, passed: false, marks: [:], certificateCode: nil),
        ]
        for result in results {
            #expect(try AppJSON.decoder.decode(Attempt.Result.self, from: Data(result.json.utf8)) == result)
            let reference = try Attempt.databaseJSONEncoder(for: "result_json").encode(result)
            #expect(result.json == String(decoding: reference, as: UTF8.self))
        }
    }

    @Test func anAttemptReadBackEqualsWhatWasStored() async throws {
        let database = try AppDatabase.inMemory()
        let now = try #require(Date.fromDatabaseValue(Date().databaseValue))
        let attempt = Attempt(
            id: "abc", userId: 1, courseSlug: "c", moduleSlug: "m", contentVersion: "v1", number: 2,
            layoutJson: .init(items: [
                .init(questionId: "q1", choiceIds: ["b", "a"]), .init(questionId: "q2", choiceIds: []),
            ]),
            startedAt: now, deadline: now.addingTimeInterval(600), submittedAt: now.addingTimeInterval(60), score: 1.5,
            maxScore: 2, percent: 75, passed: true,
            resultJson: .init(
                score: 1.5, maxScore: 2, percent: 75, passed: true,
                marks: ["q1": .init(points: 1, feedback: ["Đúng"]), "q2": .init(points: 0.5, feedback: [])],
                certificateCode: "ABCD-EFGH"))
        try await database.writer.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA foreign_keys = OFF")
            try attempt.insert(db)
        }
        let read = try await database.writer.read { db in try AttemptStore.fetch(db, "abc") }
        #expect(read == attempt)
    }

    @Test func singleChoice() {
        #expect(Grader.grade(single, QuizAnswer(choiceIds: ["a"])) == .init(points: 1, feedback: ["Đúng"]))
        #expect(Grader.grade(single, QuizAnswer(choiceIds: ["b"])).points == 0)
        #expect(Grader.grade(single, QuizAnswer(choiceIds: ["zz"])).points == 0)
        #expect(Grader.grade(single, nil).points == 0)
        #expect(Grader.grade(single, QuizAnswer(choiceIds: [])).points == 0)
    }

    @Test func multipleAnswersGivePartialCreditAndNeverBelowZero() {
        #expect(Grader.grade(multiple, QuizAnswer(choiceIds: ["a", "b"])).points == 1)
        #expect(Grader.grade(multiple, QuizAnswer(choiceIds: ["a"])).points == 0.5)
        #expect(Grader.grade(multiple, QuizAnswer(choiceIds: ["a", "c"])).points == 0)
        #expect(Grader.grade(multiple, QuizAnswer(choiceIds: ["a", "b", "c"])).points == 0)
        // a repeated id does not count twice
        #expect(Grader.grade(multiple, QuizAnswer(choiceIds: ["a", "a"])).points == 0.5)
    }

    @Test func tickingEveryBoxCannotPassWhenWrongChoicesCarryNoWeight() {
        // given: the validator accepts wrong choices without a weight (GIFT `~C`, YAML without weight)
        let question = Question(
            id: "m0", type: .multiple, text: "?",
            choices: [
                Choice(id: "a", text: "A", weight: 50), Choice(id: "b", text: "B", weight: 50),
                Choice(id: "c", text: "C", weight: 0), Choice(id: "d", text: "D", weight: 0),
            ], line: 1)
        // then: each wrong tick costs as much as a right one earns
        #expect(Grader.grade(question, QuizAnswer(choiceIds: ["a", "b", "c", "d"])).points == 0)
        #expect(Grader.grade(question, QuizAnswer(choiceIds: ["a", "b", "c"])).points == 0.5)
        #expect(Grader.grade(question, QuizAnswer(choiceIds: ["a", "b"])).points == 1)
        #expect(Grader.grade(question, QuizAnswer(choiceIds: ["c"])).points == 0)
        // explicit negative weights are used as written
        #expect(Grader.grade(multiple, QuizAnswer(choiceIds: ["a", "b", "c"])).points == 0)
    }

    @Test func trueFalse() {
        let question = Question(
            id: "t", type: .truefalse, text: "?",
            choices: [Choice(id: "true", text: "true", weight: 0), Choice(id: "false", text: "false", weight: 100)],
            line: 1)
        #expect(Grader.grade(question, QuizAnswer(choiceIds: ["false"])).points == 1)
        #expect(Grader.grade(question, QuizAnswer(choiceIds: ["true"])).points == 0)
    }

    @Test func shortAnswerIgnoresCaseSpacesAndUnicodeForm() {
        let question = Question(
            id: "q", type: .short, text: "?",
            accepted: [ShortAnswer(text: "Tuyên Quang"), ShortAnswer(text: "TQ", weight: 50)],
            line: 1)
        #expect(Grader.grade(question, QuizAnswer(text: "  tuyên   QUANG ")).points == 1)
        let decomposed = "Tuyên Quang".decomposedStringWithCanonicalMapping
        #expect(Grader.grade(question, QuizAnswer(text: decomposed)).points == 1)
        #expect(Grader.grade(question, QuizAnswer(text: "Tuyen Quang")).points == 0, "diacritics must match by default")
        #expect(Grader.grade(question, QuizAnswer(text: "tq")).points == 0.5)
        var optional = question
        optional.matchDiacritics = false
        #expect(Grader.grade(optional, QuizAnswer(text: "tuyen quang")).points == 1)
        #expect(Grader.grade(optional, QuizAnswer(text: "Hà Giang")).points == 0)
    }

    @Test func diacriticsFoldingCoversD() {
        let question = Question(
            id: "d", type: .short, text: "?", accepted: [ShortAnswer(text: "Đề án 06")], matchDiacritics: false, line: 1
        )
        #expect(Grader.grade(question, QuizAnswer(text: "de an 06")).points == 1)
    }

    @Test func numericalToleranceRangeAndDecimalComma() {
        let question = Question(
            id: "n", type: .numerical, text: "?",
            numerical: [
                NumericalAnswer(value: 3.14, tolerance: 0.01), NumericalAnswer(value: 3, tolerance: 0.5, weight: 50),
            ],
            line: 1)
        #expect(Grader.grade(question, QuizAnswer(text: "3.15")).points == 1)
        #expect(Grader.grade(question, QuizAnswer(text: "3,14")).points == 1)
        #expect(Grader.grade(question, QuizAnswer(text: "3.2")).points == 0.5)
        #expect(Grader.grade(question, QuizAnswer(text: "4")).points == 0)
        #expect(Grader.grade(question, QuizAnswer(text: "ba")).points == 0)
        #expect(Grader.grade(question, QuizAnswer(text: "nan")).points == 0)
        let exact = Question(id: "e", type: .numerical, text: "?", numerical: [NumericalAnswer(value: 138)], line: 1)
        #expect(Grader.grade(exact, QuizAnswer(text: " 138 ")).points == 1)
        #expect(Grader.grade(exact, QuizAnswer(text: "137")).points == 0)
    }
}
