import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import Academy

/// The quiz editor on a phone (issue 16): cards, codes made from the text, rows added without JavaScript, and the
/// validator's messages in the reader's language beside the field at fault.
@Suite struct QuizFormTests {
    static let quiz = "/author/courses/sample/modules/bai-hai/quiz"

    func setUp() async throws -> (String, AppServices, HTTPFields) {
        let root = NSTemporaryDirectory() + "academy-quizform-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Fixtures.path("courses/good/sample"), toPath: root + "/sample")
        let services = try await TestApp.services(courses: root)
        let trainer = try await People.make(services, "giangvien", role: .trainer, name: "Lê Văn Giảng")
        return (root, services, People.formHeaders(try await People.browser(services, trainer)))
    }

    func post(
        _ client: any TestClientProtocol, _ headers: HTTPFields, _ fields: [String: String], uri: String = quiz
    ) async throws -> TestResponse {
        var all = ["base": Digest256.hex(""), "pass": "70", "attempts": "0"]
        all.merge(fields) { $1 }
        return try await client.execute(uri: uri, method: .post, headers: headers, body: People.form(all))
    }

    @Test func slugsOfVietnameseText() {
        #expect(Slug.make("Chuyển đổi số") == "chuyen-doi-so")
        #expect(Slug.make("Chuyển đổi số".decomposedStringWithCanonicalMapping) == "chuyen-doi-so")
        #expect(Slug.make("ĐƯỜNG Hồ Chí Minh") == "duong-ho-chi-minh")
        #expect(Slug.make("  Ứng dụng CNTT — năm 2025!  ") == "ung-dung-cntt-nam-2025")
        #expect(Slug.make("Quyền và nghĩa vụ của công dân", words: 3) == "quyen-va-nghia")
        #expect(Slug.make("mot hai ba", length: 7) == "mot-hai")
        #expect(Slug.make("?!…") == "")
        #expect(Slug.unique("a", taken: ["a", "a-2"]) == "a-3")
    }

    @Test func severalQuestionsOfEveryTypeInOneSaveGetCodesFromTheirText() async throws {
        let (root, services, trainer) = try await setUp()
        try await TestApp.router(services).test(.router) { client in
            // when: five new questions, no codes typed, two starting with the same words
            let response = try await post(
                client, trainer,
                [
                    "q_count": "6",
                    "q0_type": "single", "q0_text": "Chuyển đổi số có mấy trụ cột?", "q0_cn": "2",
                    "q0_c0_text": "Ba", "q0_c0_correct": "1", "q0_c1_text": "Hai",
                    "q1_type": "multiple", "q1_text": "Chuyển đổi số có mấy trụ cột chính, chọn hai?", "q1_cn": "3",
                    "q1_c0_text": "A", "q1_c0_correct": "1", "q1_c1_text": "B", "q1_c1_correct": "1",
                    "q1_c2_text": "C", "q1_c2_weight": "-50",
                    "q2_type": "truefalse", "q2_text": "Đúng hay sai?", "q2_answer": "false", "q2_cn": "1",
                    "q3_type": "short", "q3_text": "Tỉnh nào?", "q3_accepted": "Tuyên Quang", "q3_diacritics": "1",
                    "q4_type": "numerical", "q4_text": "Bao nhiêu xã?", "q4_value": "138,5", "q4_tolerance": "0.5",
                    "q5_type": "single", "q5_text": "", "q5_cn": "1",
                ])
            // then
            #expect(response.status == .seeOther)
            let text = try String(contentsOfFile: root + "/.drafts/sample/quizzes/bai-hai.yaml", encoding: .utf8)
            let (questions, problems) = QuizFileLoader.load(text: text, path: "bai-hai.yaml")
            #expect(problems.isEmpty, "\(problems)")
            #expect(
                questions.map(\.id) == [
                    "chuyen-doi-so-co-may-tru", "chuyen-doi-so-co-may-tru-2", "dung-hay-sai", "tinh-nao",
                    "bao-nhieu-xa",
                ])
            #expect(questions.map(\.type) == [.single, .multiple, .truefalse, .short, .numerical])
            #expect(questions[1].choices.map(\.weight) == [50, 50, -50])
            #expect(questions[2].choices.first { $0.weight > 0 }?.id == "false")
            #expect(questions[3].matchDiacritics == false)
            #expect(questions[4].numerical.first?.value == 138.5)
            // and the form shows them again as cards, codes under "Nâng cao", with one blank card to add
            let page = try await client.execute(uri: Self.quiz, method: .get, headers: trainer)
            #expect(page.text.contains("value=\"chuyen-doi-so-co-may-tru-2\""))
            #expect(page.text.contains("name=\"q_count\" value=\"6\""))
            #expect(page.text.contains("<summary>Nâng cao</summary>"))
        }
    }

    @Test func addingAChoiceWithoutJavaScriptKeepsEverythingTyped() async throws {
        let (root, services, trainer) = try await setUp()
        try await TestApp.router(services).test(.router) { client in
            let response = try await post(
                client, trainer,
                [
                    "q_count": "1", "q0_type": "single", "q0_text": "Câu đang gõ", "q0_cn": "1",
                    "q0_c0_text": "Lựa chọn một", "q0_c0_correct": "1", "add_choice": "0", "gift": "::x:: Dán {T}",
                ])
            #expect(response.status == .ok)
            #expect(response.text.contains(">Câu đang gõ</textarea>"))
            #expect(response.text.contains(">Lựa chọn một</textarea>"))
            #expect(response.text.contains("name=\"q0_c1_text\""))
            #expect(!response.text.contains("name=\"q0_c2_text\""))
            #expect(response.text.contains("name=\"q0_cn\" value=\"2\""))
            #expect(response.text.contains(">::x:: Dán {T}</textarea>"))
            #expect(!FileManager.default.fileExists(atPath: root + "/.drafts/sample"), "nothing saved")
            // "+ Thêm câu hỏi": the typed card and a blank one
            let more = try await post(
                client, trainer,
                ["q_count": "1", "q0_type": "truefalse", "q0_text": "Câu một", "add_question": "1"])
            #expect(more.status == .ok)
            #expect(more.text.contains("name=\"q_count\" value=\"2\""))
            #expect(more.text.contains("id=\"q1_text\""))
        }
    }

    /// The form refused: each message in the reader's language, beside its field, and in the summary's links.
    @Test(arguments: [Language.vi, .en])
    func messagesStandBesideTheirFields(language: Language) async throws {
        let (_, services, trainer) = try await setUp()
        try await TestApp.router(services).test(.router) { client in
            let response = try await post(
                client, trainer,
                [
                    "q_count": "4",
                    "q0_type": "single", "q0_text": "Không có đáp án đúng", "q0_cn": "2", "q0_c0_text": "A",
                    "q0_c1_text": "B",
                    "q1_type": "short", "q1_text": "", "q1_accepted": "x",
                    "q2_type": "multiple", "q2_text": "Trọng số", "q2_cn": "2", "q2_c0_text": "A",
                    "q2_c0_weight": "30", "q2_c1_text": "B", "q2_c1_weight": "30", "q2_id": "trung",
                    "q3_type": "truefalse", "q3_text": "Trùng mã", "q3_id": "trung",
                ], uri: Self.quiz + "?lang=\(language.rawValue)")
            #expect(response.status == .unprocessableContent)
            let html = response.text
            let expected: [(String, String, String)] =
                language == .vi
                ? [
                    ("q0_choices-error", "Chưa có đáp án đúng.", "#q0_c0_correct"),
                    ("q1_text-error", "Câu hỏi chưa có nội dung.", "#q1_text"),
                    ("q2_choices-error", "Trọng số các lựa chọn đúng cộng lại là 60, phải bằng 100.", "#q2_c0_weight"),
                    ("q3_id-error", "Mã câu hỏi “trung” đã dùng cho một câu khác", "#q3_id"),
                ]
                : [
                    ("q0_choices-error", "There is no right answer.", "#q0_c0_correct"),
                    ("q1_text-error", "The question has no text.", "#q1_text"),
                    ("q2_choices-error", "The weights of the right choices add up to 60", "#q2_c0_weight"),
                    ("q3_id-error", "The question code “trung” is used by another question", "#q3_id"),
                ]
            for (id, message, link) in expected {
                #expect(html.contains("id=\"\(id)\">\(message)"), "\(id)")
                #expect(html.contains("aria-describedby=\"\(id)"), "\(id) describes its field")
                #expect(html.contains("<a href=\"\(link)\">"), "\(link) in the summary")
            }
            #expect(html.contains("id=\"q1_text\" name=\"q1_text\" rows=\"3\" aria-invalid=\"true\""))
            #expect(html.contains("<details class=\"advanced\" open>"), "the code's field is shown")
            #expect(html.contains(">Trùng mã</textarea>"), "typing kept")
            #expect(!html.contains("has no correct answer"), "no developer English")
        }
    }

    @Test func giftErrorsNameTheLineInWords() async throws {
        let (root, services, trainer) = try await setUp()
        try await TestApp.router(services).test(.router) { client in
            let gift = "::a::Câu một {=Đúng ~Sai}\n\n::b::Câu hai {=Có ~Không\n\n::c::Câu ba {abc}"
            let response = try await post(
                client, trainer,
                ["q_count": "1", "q0_type": "single", "q0_text": "", "q0_cn": "1", "gift": gift])
            #expect(response.status == .unprocessableContent)
            let html = response.text
            #expect(html.contains("<span>Dòng 3: thiếu dấu &#39;}&#39; đóng phần đáp án.</span>"))
            #expect(html.contains("<span>Dòng 5: không hiểu cách viết đáp án"))
            #expect(html.contains("aria-describedby=\"gift-error gift-hint\" aria-invalid=\"true\""))
            #expect(html.contains("<a href=\"#gift\">"))
            #expect(html.contains("::b::Câu hai {=Có ~Không"), "the pasted text kept")
            #expect(!FileManager.default.fileExists(atPath: root + "/.drafts/sample/quizzes/bai-hai.yaml"))
            // the command line still reads the same problems in English
            let problems = GIFTParser().parse(gift, path: "q.gift").problems
            #expect(
                problems.map(\.description).first == "q.gift:3: unclosed '{': the answers of this question never end")
            #expect(problems.map(\.code) == [.unclosedBrace, .answerStart])
        }
    }

    @Test func pastedGIFTBecomesCardsWithCodesOfTheirOwn() async throws {
        let (root, services, trainer) = try await setUp()
        try await TestApp.router(services).test(.router) { client in
            let response = try await post(
                client, trainer,
                [
                    "q_count": "2", "q0_id": "mot", "q0_type": "truefalse", "q0_text": "Trời xanh?", "q1_text": "",
                    "gift": "::mot::Đã có mã này {T}\n\nTrời mưa không? {F}",
                ])
            #expect(response.status == .seeOther)
            let text = try String(contentsOfFile: root + "/.drafts/sample/quizzes/bai-hai.yaml", encoding: .utf8)
            #expect(
                QuizFileLoader.load(text: text, path: "q.yaml").questions.map(\.id) == [
                    "mot", "mot-2", "troi-mua-khong",
                ])
        }
    }

    @Test func everyProblemCodeSpeaksBothLanguages() async throws {
        let strings = try await PageSnapshots.make().strings
        for code in ProblemCode.allCases {
            #expect(strings.has("problem.\(code.rawValue)"), "\(code)")
        }
        let problem = CourseProblem(path: "q.yaml", line: 3, .noCorrectAnswer, ["cau-1"])
        #expect(problem.description == "q.yaml:3: question 'cau-1' has no correct answer")
        #expect(QuizFormErrors.text(problem, strings, .vi) == "Chưa có đáp án đúng.")
        // a course's own problems too: the command line keeps its English line, the course page reads Vietnamese
        let part = CourseProblem(path: "course.yaml", line: 14, .moduleSlugDuplicate, ["bai-1", "9"])
        #expect(part.description == "course.yaml:14: duplicate module slug 'bai-1' (first used on line 9)")
        #expect(
            QuizFormErrors.text(part, strings, .vi)
                == "Hai phần cùng mã “bai-1” (lần đầu ở dòng 9); mỗi phần cần một mã riêng.")
    }
}
