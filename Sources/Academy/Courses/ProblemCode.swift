/// Which problem the validator found, so that its two readers say the same thing: the command line prints the
/// English `message` (`path:line: message`), the browser shows `problem.<code>` from the strings files in the
/// reader's language, filled with the same arguments (issue 16).
public enum ProblemCode: String, Sendable, CaseIterable {
    // A question's content (`Question.problems(path:)`); `{0}` is the question's id.
    case questionNoID = "question_no_id"
    case questionNoText = "question_no_text"
    case tooFewChoices = "too_few_choices"
    /// `{0}` the choice's id, `{1}` the question's.
    case choiceNoText = "choice_no_text"
    /// `{0}` the choice's id, `{1}` the question's, `{2}` the weight.
    case choiceWeightRange = "choice_weight_range"
    case noCorrectAnswer = "no_correct_answer"
    /// `{1}` how many.
    case tooManyCorrect = "too_many_correct"
    /// `{1}` the sum.
    case weightsSum = "weights_sum"
    case trueFalseChoices = "truefalse_choices"
    case trueFalseBoth = "truefalse_both"
    case noAccepted = "no_accepted"
    case emptyAccepted = "empty_accepted"
    case noNumerical = "no_numerical"
    case numberNotFinite = "number_not_finite"
    /// `{1}` the tolerance.
    case negativeTolerance = "negative_tolerance"
    /// `{0}` the id, `{1}` the line it was first used on.
    case duplicateID = "duplicate_id"
    case quizEmpty = "quiz_empty"
    /// `{0}` the draw, `{1}` how many questions, `{2}` the quiz file.
    case drawTooLarge = "draw_too_large"
    /// `{0}` the group, `{1}` its draw, `{2}` how many questions it has.
    case groupDrawTooLarge = "group_draw_too_large"
    /// `{0}` the pass mark as written.
    case passRange = "pass_range"

    // A course's parts and certificate (`CourseLoader`); `{0}` is the module's code.
    case moduleSlugChars = "module_slug_chars"
    case moduleSlugReserved = "module_slug_reserved"
    /// `{1}` the line it was first used on.
    case moduleSlugDuplicate = "module_slug_duplicate"
    case certificateNoQuiz = "certificate_no_quiz"
    case certificateUnknownModule = "certificate_unknown_module"
    case certificateNotInCompletion = "certificate_not_in_completion"
    case certificateCompletionNone = "certificate_completion_none"

    // GIFT syntax (`GIFTParser`, `GIFTAnswerParser`).
    case diacriticsPlace = "gift_diacritics_place"
    /// `{0}` the value written.
    case diacriticsValue = "gift_diacritics_value"
    case diacriticsAlone = "gift_diacritics_alone"
    /// `{0}` the line of the question whose answers the blank line cut.
    case blankLineInAnswers = "gift_blank_line"
    case titleUnclosed = "gift_title_unclosed"
    case descriptionQuestion = "gift_description"
    case closeWithoutOpen = "gift_close_without_open"
    case unclosedBrace = "gift_unclosed"
    case openInsideAnswers = "gift_open_inside"
    case textAfterAnswersQuestion = "gift_after_question"
    case missingWord = "gift_missing_word"
    case essay = "gift_essay"
    case answerStart = "gift_answer_start"
    case matching = "gift_matching"
    /// `{0}` the marker, `=` or `~`.
    case answerNoText = "gift_answer_no_text"
    case trueFalseFeedback = "gift_truefalse_feedback"
    case numericalEmpty = "gift_numerical_empty"
    case numericalOther = "gift_numerical_other"
    case numericalNoNumber = "gift_numerical_no_number"
    /// `{0}` the text.
    case notANumber = "gift_not_a_number"
    /// `{0}` the range.
    case rangeReversed = "gift_range_reversed"
    case weightUnclosed = "gift_weight_unclosed"
    /// `{0}` the text between the `%`s.
    case weightNotANumber = "gift_weight_not_a_number"

    /// The form field a problem is about, for the browser to show it there.
    public enum Field: Sendable {
        case id, text, choices, correct, weights, accepted, value, tolerance, draw, pass
        /// The quiz as a whole, or GIFT text (the pasted text's box): no field of a question.
        case quiz
    }

    public var field: Field {
        switch self {
        case .questionNoID, .duplicateID: .id
        case .questionNoText, .quizEmpty: .text
        case .tooFewChoices, .choiceNoText: .choices
        case .noCorrectAnswer, .tooManyCorrect, .trueFalseChoices, .trueFalseBoth: .correct
        case .choiceWeightRange, .weightsSum: .weights
        case .noAccepted, .emptyAccepted: .accepted
        case .noNumerical, .numberNotFinite: .value
        case .negativeTolerance: .tolerance
        case .drawTooLarge: .draw
        case .passRange: .pass
        default: .quiz
        }
    }

    /// The message of the command line and the course files' problem pages, `{0}`… standing for the arguments.
    var english: String {
        switch self {
        case .questionNoID: "a question has no id"
        case .questionNoText: "question '{0}' has no text"
        case .tooFewChoices: "question '{0}' needs at least two choices"
        case .choiceNoText: "choice '{0}' of question '{1}' has no text"
        case .choiceWeightRange: "choice '{0}' of question '{1}' has weight {2}; weights go from -100 to 100"
        case .noCorrectAnswer: "question '{0}' has no correct answer"
        case .tooManyCorrect: "question '{0}' has {1} correct answers; a single-choice question has exactly one"
        case .weightsSum: "the weights of the correct choices of question '{0}' add up to {1}, not 100"
        case .trueFalseChoices: "true/false question '{0}' must have exactly the two choices 'true' and 'false'"
        case .trueFalseBoth: "question '{0}' marks both true and false as correct"
        case .noAccepted: "question '{0}' has no accepted answer"
        case .emptyAccepted: "question '{0}' has an empty accepted answer"
        case .noNumerical: "question '{0}' has no numerical answer"
        case .numberNotFinite: "question '{0}' has an answer that is not a number"
        case .negativeTolerance: "question '{0}' has a negative tolerance ({1})"
        case .duplicateID: "duplicate question id '{0}' (first used on line {1})"
        case .quizEmpty: "the quiz has no questions"
        case .drawTooLarge: "draw {0} is more than the {1} questions in {2}"
        case .groupDrawTooLarge: "group '{0}' draws {1} but has only {2} questions"
        case .passRange: "pass_percent {0} is outside 0–100"
        case .moduleSlugChars: "module slug '{0}' may use only a-z, 0-9 and hyphens"
        case .moduleSlugReserved: "module slug '{0}' is reserved for the site's own addresses"
        case .moduleSlugDuplicate: "duplicate module slug '{0}' (first used on line {1})"
        case .certificateNoQuiz: "the certificate requires module '{0}', which has no quiz"
        case .certificateUnknownModule: "the certificate requires module '{0}', which is not in 'modules'"
        case .certificateNotInCompletion: "the certificate requires module '{0}'; list it in 'completion: quizzes:' too"
        case .certificateCompletionNone: "the certificate requires module '{0}', but 'completion' requires no quiz"
        case .diacriticsPlace: "'@diacritics' must be on a comment line right before the question"
        case .diacriticsValue:
            "unknown value '{0}' for '@diacritics': write '// @diacritics: optional' or '// @diacritics: required'"
        case .diacriticsAlone:
            "'// @diacritics' is not followed by a question: put it on the line right before the question"
        case .blankLineInAnswers:
            "a blank line inside the answers of the question on line {0} ends that question early: "
                + "remove the blank line"
        case .titleUnclosed: "the title is not closed: '::' starts a title but no '::' ends it"
        case .descriptionQuestion: "description questions (text with no answers in '{…}') are not supported"
        case .closeWithoutOpen: "'}' without a matching '{': write \\} for a '}' in the text"
        case .unclosedBrace: "unclosed '{': the answers of this question never end"
        case .openInsideAnswers:
            "'{' inside the answers of a question: add the missing '}' before it, or write \\{ for a '{' in the text"
        case .textAfterAnswersQuestion:
            "text after '}' starts another question: put a blank line between two questions"
        case .missingWord:
            "missing-word questions (text after the closing '}') are not supported: "
                + "put all of the question's text before '{'"
        case .essay: "essay questions ('{}' with no answers) are not supported"
        case .answerStart: "answer line must start with '=' or '~'"
        case .matching: "matching questions ('->') are not supported"
        case .answerNoText: "an answer has no text after '{0}'"
        case .trueFalseFeedback: "a true/false answer takes at most two feedback texts: {T#when wrong#when right}"
        case .numericalEmpty: "a numerical answer needs a number after '{#', such as {#3.14:0.01} or {#1..5}"
        case .numericalOther:
            "feedback for any other numerical answer ('~#…') is not supported: give a value, as in ~5:1#…"
        case .numericalNoNumber: "a numerical answer has no number after '='"
        case .notANumber: "'{0}' is not a number: write numbers with a dot, such as 3.14"
        case .rangeReversed: "the range '{0}' starts above its end: write the smaller number first"
        case .weightUnclosed: "'%' starts a weight but no '%' ends it: write a weight as %50%"
        case .weightNotANumber: "'%{0}%' is not a weight: write a percentage such as %50% or %-25%"
        }
    }

    /// The English message with its arguments.
    func message(_ arguments: [String]) -> String { Strings.fill(english, arguments) }
}
