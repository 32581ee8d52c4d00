extension AdminUsersController {
    /// `?q=`: the search on the people list.
    struct SearchQuery: Decodable {
        @Trimmed var q: String?
    }

    /// `?note=&done=`: what the last change left to show on a person's page.
    struct ShowQuery: Decodable {
        @Trimmed var note: String?
        @Trimmed var done: String?
    }

    /// The role form.
    struct RoleForm: Decodable {
        @Trimmed var role: String?
    }

    /// The deactivate / reactivate form.
    struct ActiveForm: Decodable {
        @Trimmed var active: String?
        var confirm: String?
    }
}
