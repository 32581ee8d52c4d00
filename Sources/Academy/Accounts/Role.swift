/// What a person may do. Admins may do everything.
public enum Role: String, Sendable, Codable, CaseIterable {
    /// A commune official taking courses.
    case learner
    /// Authors courses, enrols learners and follows their results.
    case trainer
    /// Verifies and revokes certificates and reads reports.
    case hr
    /// Everything, including managing users.
    case admin
}
