import Testing

@testable import Academy

private func parse(_ text: String) -> (questions: [Question], problems: [CourseProblem]) {
    GIFTParser().parse(text, path: "quiz.gift")
}

/// Parses text that must hold exactly one valid question.
private func single(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> Question {
    let result = parse(text)
    #expect(result.problems == [], sourceLocation: sourceLocation)
    #expect(result.questions.count == 1, sourceLocation: sourceLocation)
    return try #require(result.questions.first, sourceLocation: sourceLocation)
}

private func messages(_ text: String) -> [String] {
    parse(text).problems.map { "\($0.line): \($0.message)" }
}

@Suite struct GIFTParserTests {
    // MARK: Moodle documentation examples

    @Test func multipleChoice() throws {
        let q = try single("Who's buried in Grant's tomb?{~Grant ~Jefferson =no one}")
        #expect(q.type == .single)
        #expect(q.text == "Who's buried in Grant's tomb?")
        #expect(q.choices.map(\.id) == ["a", "b", "c"])
        #expect(q.choices.map(\.text) == ["Grant", "Jefferson", "no one"])
        #expect(q.choices.map(\.weight) == [0, 0, 100])
        #expect(q.id == "q57d78c62")  // "q" + first 8 hex digits of FNV-1a 64 of the text
        #expect(q.line == 1)
        #expect(q.matchDiacritics)
    }

    @Test func multipleChoiceWithFeedbackAndAnswersOnTheNextLine() throws {
        let q = try single(
            """
            ::Q2:: What's between orange and green in the spectrum?
            { =yellow # right; good! ~red # wrong, it's yellow ~blue # wrong, it's yellow }
            """)
        #expect(q.id == "Q2")
        #expect(q.type == .single)
        #expect(q.text == "What's between orange and green in the spectrum?")
        #expect(
            q.choices == [
                Choice(id: "a", text: "yellow", weight: 100, feedback: "right; good!"),
                Choice(id: "b", text: "red", weight: 0, feedback: "wrong, it's yellow"),
                Choice(id: "c", text: "blue", weight: 0, feedback: "wrong, it's yellow"),
            ])
    }

    @Test func answersOnSeparateIndentedLines() throws {
        let q = try single(
            """
            Japanese characters originally came from what country? {
                ~India #Sorry.
                =China #Correct!
                ~Korea #Try
                  again.
                ~Egypt}
            """)
        #expect(q.type == .single)
        #expect(q.choices.map(\.text) == ["India", "China", "Korea", "Egypt"])
        #expect(q.choices.map(\.feedback) == ["Sorry.", "Correct!", "Try again.", nil])
        #expect(q.choices.map(\.weight) == [0, 100, 0, 0])
    }

    @Test func percentageWeightsInASingleChoiceGivePartMarks() throws {
        let q = try single(
            """
            ::Jesus' hometown::Jesus Christ was from {
               ~Jerusalem#This was an important city, but the wrong answer.
               ~%25%Bethlehem#He was born here, but not raised here.
               ~%50%Galilee#You need to be more specific.
               =Nazareth#Yes! That's right!
            }
            """)
        #expect(q.id == "Jesus' hometown")
        #expect(q.type == .single)
        #expect(q.choices.map(\.weight) == [0, 25, 50, 100])
        #expect(q.choices.map(\.id) == ["a", "b", "c", "d"])
        #expect(q.choices[3].feedback == "Yes! That's right!")
    }

    @Test func multipleAnswersWithWeights() throws {
        let q = try single(
            """
            What two people are entombed in Grant's tomb? {
               ~%-100%No one
               ~%50%Grant
               ~%50%Grant's wife
               ~%-100%Grant's father
            }
            """)
        #expect(q.type == .multiple)
        #expect(q.choices.map(\.text) == ["No one", "Grant", "Grant's wife", "Grant's father"])
        #expect(q.choices.map(\.weight) == [-100, 50, 50, -100])
        #expect(q.problems(path: "quiz.gift") == [])
    }

    @Test func multipleAnswersClassification() throws {
        #expect(try single("Q {~%100%A ~B}").type == .multiple)  // no '=', a positive weight
        #expect(try single("Q {=%50%A =%50%B ~C}").type == .multiple)  // explicit weights, several positive
        #expect(
            try single("Q {~%33.3333%A ~%33.3333%B ~%33.3334%C ~%-100%D}").choices.map(\.weight)
                == [33.3333, 33.3333, 33.3334, -100])
        let none = try single("Q {~A ~B}")
        #expect(none.type == .single)
        #expect(none.problems(path: "p").map(\.message) == ["question '\(none.id)' has no correct answer"])
    }

    @Test func trueFalse() throws {
        let t = try single("::Q1:: 1+1=2 {T}")
        #expect(t.id == "Q1")
        #expect(t.text == "1+1=2")
        #expect(t.type == .truefalse)
        #expect(
            t.choices == [
                Choice(id: "true", text: "true", weight: 100), Choice(id: "false", text: "false", weight: 0),
            ])
        #expect(try single("Grant is buried in Grant's tomb.{F}").choices.map(\.weight) == [0, 100])
        #expect(try single("The sun rises in the east.{TRUE}").choices.map(\.weight) == [100, 0])
        #expect(try single("The sun rises in the west.{FALSE}").choices.map(\.weight) == [0, 100])
    }

    @Test func trueFalseFeedbackFirstWhenWrongThenWhenRight() throws {
        let t = try single("The sun rises in the east.{T#No, it rises in the east.#Yes, in the east.}")
        #expect(t.choices[0] == Choice(id: "true", text: "true", weight: 100, feedback: "Yes, in the east."))
        #expect(t.choices[1] == Choice(id: "false", text: "false", weight: 0, feedback: "No, it rises in the east."))
        let f = try single("::mat-khau::Nên dùng một mật khẩu cho mọi tài khoản. {F#Sai: mỗi tài khoản một mật khẩu.}")
        let sai = "Sai: mỗi tài khoản một mật khẩu."
        #expect(f.choices[0] == Choice(id: "true", text: "true", weight: 0, feedback: sai))
        #expect(f.choices[1] == Choice(id: "false", text: "false", weight: 100, feedback: nil))
        let g = try single("Q {FALSE#wrong#right####general}")
        #expect(g.choices.map(\.feedback) == ["wrong", "right"])
        #expect(g.feedback == "general")
    }

    @Test func shortAnswer() throws {
        let q = try single("Who's buried in Grant's tomb?{=Grant =Ulysses S. Grant =Ulysses Grant}")
        #expect(q.type == .short)
        #expect(
            q.accepted == [
                ShortAnswer(text: "Grant"), ShortAnswer(text: "Ulysses S. Grant"), ShortAnswer(text: "Ulysses Grant"),
            ])
        let w = try single("Two plus two equals? {=four #Yes =%50%4 #Half: write it in words}")
        #expect(
            w.accepted == [
                ShortAnswer(text: "four", weight: 100, feedback: "Yes"),
                ShortAnswer(text: "4", weight: 50, feedback: "Half: write it in words"),
            ])
    }

    @Test func numericalWithTolerance() throws {
        let q = try single("When was Ulysses S. Grant born?{#1822:5}")
        #expect(q.type == .numerical)
        #expect(q.numerical == [NumericalAnswer(value: 1822, tolerance: 5, weight: 100)])
        #expect(try single("Q {#138}").numerical == [NumericalAnswer(value: 138, tolerance: 0)])
        #expect(try single("Q {#-2.5:0.5}").numerical == [NumericalAnswer(value: -2.5, tolerance: 0.5)])
    }

    @Test func numericalRange() throws {
        let q = try single("::Q6:: What is a number from 1 to 5? {#1..5}")
        #expect(q.numerical == [NumericalAnswer(value: 3, tolerance: 2, weight: 100)])
        let pi = try single("What is the value of pi (to 3 decimal places)? {#3.141..3.142}")
        let answer = try #require(pi.numerical.first)
        #expect(abs(answer.min - 3.141) < 1e-9 && abs(answer.max - 3.142) < 1e-9)
    }

    @Test func multipleNumericalAnswers() throws {
        let q = try single(
            """
            When was Ulysses S. Grant born? {#
                =1822:0      # Correct! Full credit.
                =%50%1822:2  # He was born in 1822. Half credit for being close.
            }
            """)
        #expect(
            q.numerical == [
                NumericalAnswer(value: 1822, tolerance: 0, weight: 100, feedback: "Correct! Full credit."),
                NumericalAnswer(
                    value: 1822, tolerance: 2, weight: 50,
                    feedback: "He was born in 1822. Half credit for being close."),
            ])
        let inline = try single("Q {# =%100%3.14:0 =%50%3:0.5}")
        #expect(
            inline.numerical == [
                NumericalAnswer(value: 3.14, tolerance: 0, weight: 100),
                NumericalAnswer(value: 3, tolerance: 0.5, weight: 50),
            ])
    }

    @Test func generalFeedback() throws {
        let q = try single(
            """
            How many lives does a cat have? {
                =9 #Right.
                ~7
                ####It is often said that a cat has nine lives.
            }
            """)
        #expect(q.feedback == "It is often said that a cat has nine lives.")
        #expect(q.choices[0].feedback == "Right.")
        #expect(q.choices[1].feedback == nil)
        #expect(try single("Q {#1:0 ####Just one.}").feedback == "Just one.")
        #expect(try single("Q {=a}").feedback == nil)
        let hashes = try single("Q {=a #see ## below ####General.}")
        #expect(hashes.accepted == [ShortAnswer(text: "a", feedback: "see ## below")])
        #expect(hashes.feedback == "General.")
    }

    @Test func commentsAndCategoriesAreIgnored() throws {
        let result = parse(
            """
            // Subheading: questions below
            $CATEGORY: tom/dick/harry

            // a comment before the question
            ::c1:: Which?
            // a comment inside the question
            {
                // and one among the answers
                =yes
                ~no
            } // and one after the answers
            """)
        #expect(result.problems == [])
        let q = try #require(result.questions.first)
        #expect(q.line == 5)
        #expect(q.text == "Which?")
        #expect(q.choices.map(\.text) == ["yes", "no"])
    }

    @Test func escapes() throws {
        let q = try single(#"Which answer equals 5? { ~ \= 2 + 2 = \= 2 + 3 ~ \= 2 + 4 }"#)
        #expect(q.type == .single)
        #expect(q.choices.map(\.text) == ["= 2 + 2", "= 2 + 3", "= 2 + 4"])
        #expect(q.choices.map(\.weight) == [0, 100, 0])
        let desert = try single(#"The largest desert on Earth is\: {=Antarctica ~Sahara Desert}"#)
        #expect(desert.text == "The largest desert on Earth is:")
        let code = try single(##"::CSS\: a rule::Is body \{ color\:gray; \} valid CSS? \#1\nsecond line {T}"##)
        #expect(code.id == "CSS: a rule")
        #expect(code.text == "Is body { color:gray; } valid CSS? #1\nsecond line")
    }

    @Test func controlCharactersExample() throws {
        let q = try single(
            ##"""
            ::GIFT Control Characters::
            Which of the following is NOT a control character for the GIFT import format? {
               ~\~     # \~ is a control character.
               ~\=     # \= is a control character.
               ~\#     # \# is a control character.
               ~\{     # \{ is a control character.
               ~\}     # \} is a control character.
               =\\     # Correct! \\ (backslash) is not a control character. BUT,
                           it is used to escape the control characters.
            }
            """##)
        #expect(q.choices.map(\.text) == ["~", "=", "#", "{", "}", "\\"])
        #expect(q.choices.map(\.weight) == [0, 0, 0, 0, 0, 100])
        #expect(q.choices[2].feedback == "# is a control character.")
        #expect(
            q.choices[5].feedback
                == "Correct! \\ (backslash) is not a control character. BUT, it is used to escape the control characters."
        )
    }

    @Test func formatMarkersAreStripped() throws {
        #expect(try single("::h::[html]<b>Bold</b> question {T}").text == "<b>Bold</b> question")
        #expect(try single("::m:: [markdown]A *question* {T}").text == "A *question*")
        #expect(try single("[plain]No title {T}").text == "No title")
        #expect(try single("::o::[moodle]Q {=[plain]a ~b}").choices[0].text == "a")
        #expect(try single("::k::[note] kept {T}").text == "[note] kept")
    }

    @Test func untitledQuestionsGetAStableHashID() throws {
        let a = try single("Same text {T}")
        let b = try single("// another file\n\nSame text {F}")
        #expect(a.id == b.id)
        #expect(a.id.count == 9 && a.id.hasPrefix("q"))
        #expect(try single("Other text {T}").id != a.id)
    }

    @Test func diacriticsDirective() throws {
        let result = parse(
            """
            // @diacritics: optional
            ::tinh::Tỉnh nào? {=Tuyên Quang}

            ::xa::Xã nào? {=Hà Nội}

            // Short answer with strict diacritics
            // @diacritics: required
            ::y::Y? {=Ý}
            """)
        #expect(result.problems == [])
        #expect(result.questions.map(\.matchDiacritics) == [false, true, true])
        #expect(
            messages("// @diacritics: maybe\n::a::A {=a}") == [
                "1: unknown value 'maybe' for '@diacritics': write '// @diacritics: optional' "
                    + "or '// @diacritics: required'"
            ])
        #expect(
            messages("// @diacritics: optional\n\n::a::A {=a}") == [
                "1: '// @diacritics' is not followed by a question: put it on the line right before the question"
            ])
        #expect(
            messages("::a::A {\n// @diacritics: optional\n=a}") == [
                "2: '@diacritics' must be on a comment line right before the question"
            ])
    }

    @Test func readmeExampleParsesCleanly() {
        let result = parse(
            """
            // Single choice
            ::tru-cot::Chuyển đổi số quốc gia có mấy trụ cột? {
              =Ba trụ cột #Đúng: chính quyền số, kinh tế số, xã hội số.
              ~Hai trụ cột #Chưa đúng.
              ~Bốn trụ cột
              ####Ba trụ cột là chính quyền số, kinh tế số và xã hội số.
            }

            ::dich-vu-cong::Những việc nào làm được trên Cổng Dịch vụ công? {
              ~%50%Nộp hồ sơ trực tuyến
              ~%50%Tra cứu tình trạng hồ sơ
              ~%-100%Bầu cử đại biểu Quốc hội
            }

            ::mat-khau::Nên dùng một mật khẩu cho mọi tài khoản. {F#Sai: mỗi tài khoản một mật khẩu riêng.}

            // @diacritics: optional
            ::tinh::Tỉnh nào thành lập 1.871 tổ công nghệ số cộng đồng? {=Tuyên Quang =Tỉnh Tuyên Quang}

            ::to-cap-xa::Tuyên Quang có bao nhiêu tổ công nghệ số cộng đồng cấp xã? {#138:0}
            """)
        #expect(result.problems == [])
        #expect(result.questions.map(\.id) == ["tru-cot", "dich-vu-cong", "mat-khau", "tinh", "to-cap-xa"])
        #expect(result.questions.map(\.type) == [.single, .multiple, .truefalse, .short, .numerical])
        #expect(result.questions.map(\.line) == [2, 9, 15, 18, 20])
        #expect(result.questions[0].choices[0].feedback == "Đúng: chính quyền số, kinh tế số, xã hội số.")
        #expect(result.questions.flatMap { $0.problems(path: "quiz.gift") } == [])
    }

    @Test func windowsLineEndingsAndByteOrderMark() throws {
        let result = parse("\u{FEFF}::a::A? {\r\n=yes\r\n~no\r\n}\r\n\r\n::b::B? {T}\r\n")
        #expect(result.problems == [])
        #expect(result.questions.map(\.id) == ["a", "b"])
        #expect(result.questions[0].choices.map(\.text) == ["yes", "no"])
        #expect(result.questions[1].line == 6)
    }

    @Test func choiceIDsContinuePastZ() {
        #expect(GIFTText.choiceID(0) == "a")
        #expect(GIFTText.choiceID(25) == "z")
        #expect(GIFTText.choiceID(26) == "aa")
        #expect(GIFTText.choiceID(27) == "ab")
    }
}

@Suite struct GIFTParserErrorTests {
    @Test func unclosedBrace() {
        #expect(
            messages("::a::A {T}\n\n::b:: Which? {\n  =yes\n  ~no\n") == [
                "3: unclosed '{': the answers of this question never end"
            ])
    }

    @Test func blankLineInsideAnswers() {
        let result = parse("::a:: Which? {\n  =yes\n\n  ~no\n}\n\n::b::B {T}")
        #expect(
            result.problems.map { "\($0.line): \($0.message)" } == [
                "1: unclosed '{': the answers of this question never end",
                "4: a blank line inside the answers of the question on line 1 ends that question early: "
                    + "remove the blank line",
            ])
        #expect(result.questions.map(\.id) == ["b"])
        #expect(
            result.problems.first?.description
                == "quiz.gift:1: unclosed '{': the answers of this question never end")
    }

    @Test func answerWithoutMarker() {
        #expect(messages("::a:: Which? {\n  Ba trụ cột\n  ~Hai\n}") == ["2: answer line must start with '=' or '~'"])
        #expect(messages("::a:: Which? {yes no}") == ["1: answer line must start with '=' or '~'"])
    }

    @Test func duplicateIDs() {
        let result = parse("::a::A {T}\n\n::b::B {T}\n\n// again\n::a::C {F}")
        #expect(
            result.problems.map { "\($0.line): \($0.message)" } == [
                "6: duplicate question id 'a' (first used on line 1)"
            ])
        #expect(result.questions.map(\.id) == ["a", "b"])
        #expect(result.questions[0].text == "A")
    }

    @Test func braceErrors() {
        #expect(messages("::a:: Text } more {T}") == ["1: '}' without a matching '{': write \\} for a '}' in the text"])
        #expect(
            messages("::a:: Which? {\n =a\n ~b\n::b:: B {T}") == [
                "4: '{' inside the answers of a question: add the missing '}' before it, "
                    + "or write \\{ for a '{' in the text"
            ])
        #expect(messages("::a A {T}") == ["1: the title is not closed: '::' starts a title but no '::' ends it"])
    }

    @Test func answerErrors() {
        #expect(
            messages("::a:: Q {\n =a\n ~%half%b\n}") == [
                "3: '%half%' is not a weight: write a percentage such as %50% or %-25%"
            ])
        #expect(
            messages("::a:: Q {=a ~%50 b}") == [
                "1: '%' starts a weight but no '%' ends it: write a weight as %50%"
            ])
        #expect(messages("::a:: Q {\n =a\n ~ #feedback only\n}") == ["3: an answer has no text after '~'"])
        #expect(
            messages("::a:: Q {T#one#two#three}") == [
                "1: a true/false answer takes at most two feedback texts: {T#when wrong#when right}"
            ])
    }

    @Test func numericalErrors() {
        #expect(messages("::a:: Q {#3,14}") == ["1: '3,14' is not a number: write numbers with a dot, such as 3.14"])
        #expect(
            messages("::a:: Q {#\n =5:1\n =%50%x:1\n}") == [
                "3: 'x' is not a number: write numbers with a dot, such as 3.14"
            ])
        #expect(
            messages("::a:: Q {#5..1}") == [
                "1: the range '5..1' starts above its end: write the smaller number first"
            ])
        #expect(
            messages("::a:: Q {#}") == [
                "1: a numerical answer needs a number after '{#', such as {#3.14:0.01} or {#1..5}"
            ])
        #expect(
            messages("::a:: Q {#=5 ~#Try again}") == [
                "1: feedback for any other numerical answer ('~#…') is not supported: give a value, as in ~5:1#…"
            ])
    }

    @Test func unsupportedTypes() {
        #expect(
            messages("::Q4:: Which animal eats which food? { =cat -> cat food =dog -> dog food }") == [
                "1: matching questions ('->') are not supported"
            ])
        #expect(
            messages("Grant is {~buried =entombed ~living} in Grant's tomb.") == [
                "1: missing-word questions (text after the closing '}') are not supported: "
                    + "put all of the question's text before '{'"
            ])
        #expect(
            messages("::Q3:: Two plus {=two =2} equals four.") == [
                "1: missing-word questions (text after the closing '}') are not supported: "
                    + "put all of the question's text before '{'"
            ])
        #expect(
            messages("::e:: Write an essay about your summer. {}") == [
                "1: essay questions ('{}' with no answers) are not supported"
            ])
        #expect(
            messages("::e:: How are you? {\n####We hope you're feeling well.\n}") == [
                "1: essay questions ('{}' with no answers) are not supported"
            ])
        #expect(
            messages("// intro\n::d:: You can use your pencil and paper for these next math questions.") == [
                "2: description questions (text with no answers in '{…}') are not supported"
            ])
        #expect(
            messages("::a::A {T}\n::b::B {T}") == [
                "2: text after '}' starts another question: put a blank line between two questions"
            ])
    }

    @Test func parsingGoesOnAfterErrors() {
        let result = parse(
            """
            ::ok1:: First {T}

            ::bad1:: Which? {yes}

            ::ok2:: Second {=a ~b}

            ::bad2:: Match {=a -> b =c -> d}

            ::ok3:: Third {#1}
            """)
        #expect(result.questions.map(\.id) == ["ok1", "ok2", "ok3"])
        #expect(result.problems.map(\.line) == [3, 7])
    }
}
