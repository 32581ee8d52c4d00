extension EnrollmentController {
    /// The trainer's enrolment form: a course, and the people by username list, district or commune.
    struct EnrollForm: Decodable {
        @Trimmed var course: String?
        @Trimmed var usernames: String?
        @Trimmed var district: String?
        /// `district|commune`.
        @Trimmed var commune: String?
        @Trimmed var scope: String?
    }
}
