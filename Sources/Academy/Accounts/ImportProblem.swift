/// What is wrong with a row (or the whole file) of an import: a code and its values. Pages show it in the
/// reader's language (strings `import_error.<code>`); the command line and the API show the English sentence.
public struct ImportProblem: Sendable, Equatable {
    public var code: String
    public var arguments: [String]

    init(_ code: String, _ arguments: String...) {
        self.code = code
        self.arguments = arguments
    }

    static let english: [String: String] = [
        "username_missing": "the username is missing",
        "username_invalid": "'{0}' is not a valid username: use 3–64 letters, digits, dots, hyphens, underscores or @",
        "username_repeated": "username '{0}' is repeated in the file (first on line {1})",
        "name_missing": "the full name is missing",
        "role_unknown": "unknown role '{0}'; use learner, trainer, hr or admin",
        "role_admin_only": "only an administrator may import {0} accounts",
        "account_admin_only": "'{0}' is a {1} account; only an administrator may change it",
        "course_unknown": "unknown course '{0}'",
        "password_short": "the password must have at least 8 characters",
        "email_invalid": "'{0}' is not an email address",
        "commune_unknown": "'{0}' is not a commune-level unit of the place list",
        "commune_suggest": "'{0}' is not a commune-level unit of the place list; did you mean {1}?",
        "commune_ambiguous":
            "'{0}' is a former name of several units ({1}); write the new unit, or the former district in 'district'",
        "commune_merged": "{0} was merged into {1}: stored as {1}",
        "not_utf8": "the row is not valid UTF-8 text; save the file as UTF-8",
        "column_count": "the row has {0} columns but the header has {1}",
        "quote_unclosed": "a quote (\") opened on this line is never closed",
        "file_empty": "the file is empty; the first line must name the columns",
        "column_twice": "column '{0}' appears twice",
        "column_missing": "the header has no '{0}' column",
        "column_unknown":
            "unknown column '{0}' (column {1}); the columns are: username, full_name, district, commune, position, phone, email, role, course, password",
    ]

    public var english: String {
        var text = Self.english[code] ?? code
        for (index, argument) in arguments.enumerated() {
            text = text.replacingOccurrences(of: "{\(index)}", with: argument)
        }
        return text
    }
}
