/// How many people of a group are enrolled in a course, on their way, done, and holding its certificate.
public struct CompletionCounts: Sendable, Equatable {
    public var enrolled = 0
    /// Enrolled, not completed, and has opened a lesson or started an attempt.
    public var inProgress = 0
    /// Met the course's completion rule (`Course.isCompleted`), as `CourseProgress.completed` says.
    public var completed = 0
    /// Holds a certificate of the course that is not revoked.
    public var certified = 0

    public init(enrolled: Int = 0, inProgress: Int = 0, completed: Int = 0, certified: Int = 0) {
        self.enrolled = enrolled
        self.inProgress = inProgress
        self.completed = completed
        self.certified = certified
    }

    /// Completed out of enrolled, 0 to 1; 0 for an empty group.
    public var rate: Double { enrolled == 0 ? 0 : Double(completed) / Double(enrolled) }

    /// Enrolled who have not started at all.
    public var notStarted: Int { enrolled - inProgress - completed }

    static func + (lhs: Self, rhs: Self) -> Self {
        Self(
            enrolled: lhs.enrolled + rhs.enrolled, inProgress: lhs.inProgress + rhs.inProgress,
            completed: lhs.completed + rhs.completed, certified: lhs.certified + rhs.certified)
    }

    static func += (lhs: inout Self, rhs: Self) { lhs = lhs + rhs }
}
