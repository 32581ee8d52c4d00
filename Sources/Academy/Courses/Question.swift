/// The kinds of question a quiz may hold; GIFT and YAML quiz files both map onto these.
public enum QuestionType: String, Codable, Sendable, CaseIterable {
    case single, multiple, truefalse, short, numerical
}

/// One choice of a single, multiple or true/false question.
public struct Choice: Sendable, Equatable, Codable {
    /// Stable within the question: "a", "b", "c", … by authored position; "true"/"false" for true/false.
    public var id: String
    public var text: String
    /// Percent of the question's points this choice earns: 100 for the right one of a single choice,
    /// the authored weight (may be negative) for multiple answers, 0 for a wrong one.
    public var weight: Double
    public var feedback: String?

    public init(id: String, text: String, weight: Double, feedback: String? = nil) {
        self.id = id
        self.text = text
        self.weight = weight
        self.feedback = feedback
    }

    public var isCorrect: Bool { weight > 0 }
}

/// One accepted answer of a short-answer question.
public struct ShortAnswer: Sendable, Equatable, Codable {
    public var text: String
    public var weight: Double
    public var feedback: String?

    public init(text: String, weight: Double = 100, feedback: String? = nil) {
        self.text = text
        self.weight = weight
        self.feedback = feedback
    }
}

/// One accepted answer of a numerical question: `value ± tolerance`, or a range written as min..max.
public struct NumericalAnswer: Sendable, Equatable, Codable {
    public var value: Double
    public var tolerance: Double
    public var weight: Double
    public var feedback: String?

    public init(value: Double, tolerance: Double = 0, weight: Double = 100, feedback: String? = nil) {
        self.value = value
        self.tolerance = tolerance
        self.weight = weight
        self.feedback = feedback
    }

    public var min: Double { value - tolerance }
    public var max: Double { value + tolerance }
}

/// A quiz question as authored, whatever file format it came from.
public struct Question: Sendable, Equatable, Codable {
    /// Unique within the quiz. GIFT: the `::title::`; YAML: `id`.
    public var id: String
    public var type: QuestionType
    /// The question text (plain text with GIFT escapes already resolved).
    public var text: String
    public var choices: [Choice]
    public var accepted: [ShortAnswer]
    public var numerical: [NumericalAnswer]
    /// Short answers only: whether diacritics must match ("Hà Nội" vs "Ha Noi"). Default: yes.
    public var matchDiacritics: Bool
    /// General feedback, shown after the attempt whatever the answer.
    public var feedback: String?
    /// 1-based line in the source file where the question starts, for `path:line: message`.
    public var line: Int

    public init(
        id: String, type: QuestionType, text: String, choices: [Choice] = [], accepted: [ShortAnswer] = [],
        numerical: [NumericalAnswer] = [], matchDiacritics: Bool = true, feedback: String? = nil, line: Int
    ) {
        self.id = id
        self.type = type
        self.text = text
        self.choices = choices
        self.accepted = accepted
        self.numerical = numerical
        self.matchDiacritics = matchDiacritics
        self.feedback = feedback
        self.line = line
    }
}

/// One problem found in a course file, printed as `path:line: message`.
///
/// A problem the browser explains in the reader's language has a `code` and its `arguments`, from which the English
/// `message` is made too; two problems are equal when they read the same.
public struct CourseProblem: Sendable, Equatable, Error, CustomStringConvertible {
    public var path: String
    public var line: Int
    public var message: String
    public var code: ProblemCode?
    public var arguments: [String] = []

    public init(path: String, line: Int, message: String) {
        self.path = path
        self.line = line
        self.message = message
    }

    public init(path: String, line: Int, _ code: ProblemCode, _ arguments: [String] = []) {
        self.init(path: path, line: line, message: code.message(arguments))
        self.code = code
        self.arguments = arguments
    }

    public var description: String { "\(path):\(line): \(message)" }

    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.path == rhs.path && lhs.line == rhs.line && lhs.message == rhs.message
    }
}
