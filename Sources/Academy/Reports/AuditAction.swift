/// The security-relevant actions the audit log records. The raw value is what the `action` column holds.
public enum AuditAction: String, Sendable, CaseIterable, Codable {
    /// A wrong username or password; the target is the username typed, never the password.
    case signInFailed = "sign_in_failed"
    /// The failure that made the throttle start refusing this username or address.
    case signInThrottled = "sign_in_throttled"
    case roleChanged = "role_changed"
    case passwordReset = "password_reset"
    case userDeactivated = "user_deactivated"
    case userReactivated = "user_reactivated"
    /// A bulk import that was written (not a dry run): counts only, never generated passwords.
    case usersImported = "users_imported"
    /// A trainer or admin enrolled other people in a course.
    case learnersEnrolled = "learners_enrolled"
    case certificateIssued = "certificate_issued"
    case certificateRevoked = "certificate_revoked"
    case keyRotated = "key_rotated"
    case coursesReloaded = "courses_reloaded"
    /// A course published from the browser (also a restore of an earlier version); the detail is the new version.
    case coursePublished = "course_published"
    /// A place list copied into the places folder by `academy places import` (issue 15).
    case placesImported = "places_imported"
    /// People moved from one commune to another by `academy places remap`; the detail is old → new and how many.
    case placesRemapped = "places_remapped"
    /// A trainer kept their own text over a draft file someone else had saved meanwhile (issue 16); the detail is
    /// whose text was replaced and when it had been saved.
    case draftOverwritten = "draft_overwritten"
}
