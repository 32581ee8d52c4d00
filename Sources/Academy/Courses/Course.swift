/// Text written in Vietnamese and, optionally, English.
public struct LocalizedText: Sendable, Equatable {
    public var vi: String
    public var en: String?

    public init(vi: String, en: String? = nil) {
        self.vi = vi
        self.en = en
    }

    /// The text in the wanted language, falling back to the other one.
    public func text(_ language: Language) -> String {
        switch language {
        case .vi: vi.isEmpty ? (en ?? "") : vi
        case .en: en ?? vi
        }
    }
}

/// What a learner sees after submitting an attempt.
public enum ReviewMode: String, Sendable, CaseIterable, Codable {
    case score, wrong, full
}

/// A module's quiz: its settings from `course.yaml` and its questions from the quiz file.
public struct Quiz: Sendable, Equatable, Codable {
    public var file: String
    public var passPercent: Double = 70
    public var maxAttempts = 0
    public var timeLimitMinutes: Int?
    public var shuffleQuestions = false
    public var shuffleChoices = false
    public var draw: Int?
    public var review: ReviewMode = .full
    /// Every question of the file, groups or not, in the file's order: grading, reports and the answer key read these.
    public var questions: [Question] = []
    /// The file's `groups:`, each drawing its own share of an attempt; nil for an ungrouped file.
    public var groups: [QuestionGroup]?

    public init(file: String) { self.file = file }

    /// How many questions one attempt asks: the sum of the groups' draws, or `draw` of the whole file.
    public var questionsPerAttempt: Int {
        if let groups { return groups.map { min($0.draw, $0.questionIDs.count) }.reduce(0, +) }
        return min(draw ?? questions.count, questions.count)
    }
}

/// One group of a grouped YAML quiz file (typically one lesson's questions): an attempt draws `draw` of them.
public struct QuestionGroup: Sendable, Equatable, Codable {
    public var id: String
    /// For trainers' reports only; learners never see it.
    public var title: String?
    public var draw: Int
    /// The ids of the group's questions, in the file's order.
    public var questionIDs: [String]

    public init(id: String, title: String? = nil, draw: Int, questionIDs: [String]) {
        self.id = id
        self.title = title
        self.draw = draw
        self.questionIDs = questionIDs
    }
}

/// One module of a course: a lesson, a quiz, or both.
public struct CourseModule: Sendable, Equatable {
    public var slug: String
    public var title: LocalizedText
    /// The lesson file, relative to the course folder.
    public var lessonFile: String?
    /// The lesson rendered to safe HTML once, when the course is loaded.
    public var lessonHTML: String?
    public var quiz: Quiz?
}

/// What the course's certificate says; it is earned by completing the course (`Course.isCompleted`).
public struct CertificateSpec: Sendable, Equatable {
    /// Slugs of the modules whose quizzes must all be passed: the quizzes of the default completion rule.
    public var requires: [String]
    /// Without a title in course.yaml: "Giấy xác nhận hoàn thành khóa học" / "Certificate of course completion",
    /// not "Chứng chỉ", which only an accredited body may issue (Decree 101/2017/NĐ-CP).
    public var title: LocalizedText
    public var description: LocalizedText
    /// The course's length in hours, printed on the PDF ("Thời lượng: 16 giờ"); nil when course.yaml gives none.
    public var hours: Double? = nil
    /// The PDF's title, set per course; nil: "GIẤY XÁC NHẬN HOÀN THÀNH KHÓA HỌC" (`defaultDocumentTitle`).
    public var documentTitle: LocalizedText? = nil

    public static let defaultDocumentTitle = "GIẤY XÁC NHẬN HOÀN THÀNH KHÓA HỌC"

    public static let defaultTitle = LocalizedText(
        vi: "Giấy xác nhận hoàn thành khóa học", en: "Certificate of course completion")
}

/// A course as loaded from `Courses/<slug>/`: immutable, shared by every request that sees this version.
public struct Course: Sendable, Equatable {
    public var slug: String
    public var title: LocalizedText
    public var summary: LocalizedText
    public var language: Language
    /// The trainer's own label from `course.yaml`.
    public var version: String
    /// A hash of every file of the course: attempts and certificates record it.
    public var contentVersion: String
    /// Learners may enrol themselves.
    public var isOpen: Bool
    public var modules: [CourseModule]
    public var certificate: CertificateSpec?
    /// `completion:` of course.yaml; nil means the default rule (`completionRule`).
    public var completion: CompletionRule?
    /// Image files under `media/`, by file name, with their full paths on disk.
    public var media: [String: String]

    public func module(_ slug: String) -> CourseModule? { modules.first { $0.slug == slug } }

    public func moduleIndex(_ slug: String) -> Int? { modules.firstIndex { $0.slug == slug } }
}
