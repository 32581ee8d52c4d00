/// A form whose only field is the "yes, I mean it" checkbox of a step that cannot be undone (reset a password,
/// delete a course, restore a version).
struct ConfirmForm: Decodable {
    /// Present (whatever its value) when the box was ticked.
    var confirm: String?

    var confirmed: Bool { confirm != nil }
}
