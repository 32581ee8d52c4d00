import Testing

@testable import Academy

private func messages(_ question: Question) -> [String] {
    question.problems(path: "quiz.yaml").map(\.message)
}

private func choice(_ id: String, _ weight: Double, text: String? = nil) -> Choice {
    Choice(id: id, text: text ?? "Choice \(id)", weight: weight)
}

@Suite struct QuestionChecksTests {
    @Test func validQuestionsHaveNoProblems() {
        let questions = [
            Question(id: "s", type: .single, text: "S?", choices: [choice("a", 100), choice("b", 0)], line: 1),
            Question(id: "s2", type: .single, text: "S?", choices: [choice("a", 100), choice("b", 50)], line: 2),
            Question(
                id: "m", type: .multiple, text: "M?",
                choices: [choice("a", 50), choice("b", 50), choice("c", -100)], line: 3),
            Question(
                id: "m3", type: .multiple, text: "M?",
                choices: [choice("a", 33.333), choice("b", 33.333), choice("c", 33.333)], line: 4),
            Question(
                id: "t", type: .truefalse, text: "T?",
                choices: [choice("true", 0), choice("false", 100)], line: 5),
            Question(id: "a", type: .short, text: "A?", accepted: [ShortAnswer(text: "x")], line: 6),
            Question(id: "n", type: .numerical, text: "N?", numerical: [NumericalAnswer(value: 1)], line: 7),
        ]
        for question in questions {
            #expect(question.problems(path: "quiz.yaml") == [], "\(question.id)")
        }
    }

    @Test func problemsCarryPathAndLine() {
        let q = Question(id: "x", type: .single, text: "Q?", choices: [choice("a", 0), choice("b", 0)], line: 12)
        #expect(
            q.problems(path: "quizzes/a.yaml") == [
                CourseProblem(path: "quizzes/a.yaml", line: 12, message: "question 'x' has no correct answer")
            ])
    }

    @Test func emptyTextAndID() {
        let q = Question(
            id: " ", type: .truefalse, text: "  ", choices: [choice("true", 100), choice("false", 0)],
            line: 1)
        #expect(messages(q) == ["a question has no id", "question ' ' has no text"])
    }

    @Test func singleChoice() {
        #expect(
            messages(Question(id: "x", type: .single, text: "Q", choices: [choice("a", 100)], line: 1))
                == ["question 'x' needs at least two choices"])
        #expect(
            messages(
                Question(
                    id: "x", type: .single, text: "Q", choices: [choice("a", 100), choice("b", 100)],
                    line: 1))
                == ["question 'x' has 2 correct answers; a single-choice question has exactly one"])
        #expect(
            messages(
                Question(
                    id: "x", type: .single, text: "Q",
                    choices: [choice("a", 100), choice("b", 0, text: "")], line: 1))
                == ["choice 'b' of question 'x' has no text"])
    }

    @Test func multipleAnswers() {
        #expect(
            messages(
                Question(
                    id: "m", type: .multiple, text: "Q", choices: [choice("a", 50), choice("b", 40)],
                    line: 1))
                == ["the weights of the correct choices of question 'm' add up to 90, not 100"])
        #expect(
            messages(
                Question(
                    id: "m", type: .multiple, text: "Q", choices: [choice("a", 0), choice("b", -50)],
                    line: 1))
                == ["question 'm' has no correct answer"])
        #expect(
            messages(
                Question(
                    id: "m", type: .multiple, text: "Q",
                    choices: [choice("a", 100), choice("b", -150)], line: 1))
                == ["choice 'b' of question 'm' has weight -150; weights go from -100 to 100"])
        #expect(
            messages(
                Question(
                    id: "m", type: .multiple, text: "Q",
                    choices: [choice("a", 50), choice("b", 50.005)], line: 1)) == [])
        #expect(
            messages(
                Question(
                    id: "m", type: .multiple, text: "Q",
                    choices: [choice("a", 50), choice("b", 50.5)], line: 1))
                == ["the weights of the correct choices of question 'm' add up to 100.5, not 100"])
    }

    /// Issue 13, point 16: the validator tells the author what a wrong choice with no weight costs.
    @Test func wrongChoicesWithNoWeightAreWarnedAbout() {
        // given
        let unweighted = Question(
            id: "m", type: .multiple, text: "Q",
            choices: [choice("a", 50), choice("b", 50), choice("c", 0), choice("d", 0)], line: 7)
        let weighted = Question(
            id: "w", type: .multiple, text: "Q", choices: [choice("a", 50), choice("b", 50), choice("c", -100)],
            line: 9)
        // when / then: a warning, not a problem that refuses the course
        #expect(unweighted.problems(path: "q.yaml") == [])
        #expect(
            unweighted.warnings(path: "q.yaml") == [
                CourseProblem(
                    path: "q.yaml", line: 7,
                    message:
                        "warning: wrong choices 'c', 'd' of question 'm' have no weight; each one ticked takes away "
                        + "50% of the question's marks (give them negative weights to choose how much)")
            ])
        #expect(weighted.warnings(path: "q.yaml") == [])
        #expect(
            Question(id: "s", type: .single, text: "Q", choices: [choice("a", 100), choice("b", 0)], line: 1)
                .warnings(path: "q.yaml") == [])
    }

    @Test func trueFalse() {
        #expect(
            messages(
                Question(
                    id: "t", type: .truefalse, text: "Q", choices: [choice("a", 100), choice("b", 0)],
                    line: 1))
                == ["true/false question 't' must have exactly the two choices 'true' and 'false'"])
        #expect(
            messages(Question(id: "t", type: .truefalse, text: "Q", choices: [choice("true", 100)], line: 1))
                == ["true/false question 't' must have exactly the two choices 'true' and 'false'"])
        #expect(
            messages(
                Question(
                    id: "t", type: .truefalse, text: "Q",
                    choices: [choice("true", 0), choice("false", 0)], line: 1))
                == ["question 't' has no correct answer"])
        #expect(
            messages(
                Question(
                    id: "t", type: .truefalse, text: "Q",
                    choices: [choice("true", 100), choice("false", 100)], line: 1))
                == ["question 't' marks both true and false as correct"])
    }

    @Test func shortAnswer() {
        #expect(
            messages(Question(id: "s", type: .short, text: "Q", line: 1)) == ["question 's' has no accepted answer"])
        #expect(
            messages(
                Question(
                    id: "s", type: .short, text: "Q", accepted: [ShortAnswer(text: "x", weight: 0)],
                    line: 1))
                == ["question 's' has no correct answer"])
        #expect(
            messages(
                Question(
                    id: "s", type: .short, text: "Q",
                    accepted: [ShortAnswer(text: "x"), ShortAnswer(text: " ")], line: 1))
                == ["question 's' has an empty accepted answer"])
    }

    @Test func numerical() {
        #expect(
            messages(Question(id: "n", type: .numerical, text: "Q", line: 1))
                == ["question 'n' has no numerical answer"])
        #expect(
            messages(
                Question(
                    id: "n", type: .numerical, text: "Q",
                    numerical: [NumericalAnswer(value: 1, weight: 0)], line: 1))
                == ["question 'n' has no correct answer"])
        #expect(
            messages(
                Question(
                    id: "n", type: .numerical, text: "Q",
                    numerical: [NumericalAnswer(value: 1, tolerance: -0.5)], line: 1))
                == ["question 'n' has a negative tolerance (-0.5)"])
    }

    @Test func duplicateIDs() {
        let questions = [
            Question(id: "a", type: .short, text: "1", accepted: [ShortAnswer(text: "x")], line: 1),
            Question(id: "b", type: .short, text: "2", accepted: [ShortAnswer(text: "x")], line: 4),
            Question(id: "a", type: .short, text: "3", accepted: [ShortAnswer(text: "x")], line: 7),
            Question(id: "a", type: .short, text: "4", accepted: [ShortAnswer(text: "x")], line: 9),
        ]
        #expect(
            Question.duplicateIDs(questions, path: "q.yaml") == [
                CourseProblem(path: "q.yaml", line: 7, message: "duplicate question id 'a' (first used on line 1)"),
                CourseProblem(path: "q.yaml", line: 9, message: "duplicate question id 'a' (first used on line 1)"),
            ])
        #expect(Question.duplicateIDs(Array(questions.prefix(2)), path: "q.yaml") == [])
    }
}
