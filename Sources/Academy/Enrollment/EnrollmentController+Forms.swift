extension EnrollmentController {
    /// The trainer's enrolment form: a course, and the people by username list, group or commune.
    struct EnrollForm: Decodable {
        @Trimmed var course: String?
        @Trimmed var usernames: String?
        /// A group of the place list, or `ReportGroups.none`.
        @Trimmed var group: String?
        @Trimmed var commune: String?
        @Trimmed var scope: String?
    }
}
