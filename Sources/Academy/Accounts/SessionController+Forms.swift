extension SessionController {
    /// The sign-in form.
    struct LoginForm: Decodable {
        @Trimmed var username: String?
        var password: String?
        @Trimmed var next: String?
    }

    /// The password change form.
    struct PasswordForm: Decodable {
        var current: String?
        var new: String?
        var `repeat`: String?
    }
}
