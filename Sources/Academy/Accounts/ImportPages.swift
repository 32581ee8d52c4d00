/// `/admin/import`: the upload form — a CSV file or pasted text, and a dry-run choice — with the courses a row may
/// enrol into.
struct ImportPage: Page {
    static let template = "import"

    struct CourseOption: Sendable, Encodable {
        let slug: String
        let title: String
    }

    let title: String
    /// The columns a file may have, for the hint under the file field.
    let columns: String
    let courses: [CourseOption]
    /// Why the upload was refused.
    let error: String?

    init(courses: [Course], error: String? = nil, strings: Strings, language: Language) {
        self.title = strings.text("import_title", language)
        self.columns = UserImport.columns.joined(separator: ", ")
        self.courses = courses.map { CourseOption(slug: $0.slug, title: $0.title.text(language)) }
        self.error = error
    }
}

/// What an import did, or would do (`POST /admin/import`): every row's outcome, the problems by line, the way to
/// import for real after a dry run, and the login slips of the generated passwords to print.
struct ImportResultPage: Page {
    static let template = "import_result"

    struct Row: Sendable, Encodable {
        let line: Int
        let username: String
        let fullName: String
        let commune: String
        let outcome: String
        let isError: Bool
        /// The row's problem, in the page's language.
        let message: String?
        /// What was done to the row (a former unit stored as the new one), in the page's language.
        let note: String?
        let enrolledIn: String?
    }

    /// A problem on a line that is no row of people (the header, a quote never closed).
    struct FileError: Sendable, Encodable {
        let line: Int
        let message: String
    }

    let title: String
    /// The counts, or how many rows have problems.
    let summary: String
    let fileErrors: [FileError]
    let rows: [Row]
    let dryRun: Bool
    /// Some line has a problem, so nothing was (or would be) written: the summary is an error, and the page offers to
    /// fix the file and check again — never "import for real" (issue 16).
    let failed: Bool
    /// The file's text, posted again by "import for real" after a dry run.
    let csv: String
    let slips: LoginSlips

    init(_ report: UserImport.Report, csv: String, baseURL: String, strings: Strings, language: Language) {
        self.title = strings.text("import_title", language)
        self.summary = Self.summary(report, strings: strings, language: language)
        let rowLines = Set(report.rows.map(\.line))
        self.fileErrors = report.errors.filter { !rowLines.contains($0.line) }.map { error in
            FileError(
                line: error.line,
                message: Self.localized(
                    error.code, error.arguments, english: error.message, strings: strings, language: language))
        }
        self.rows = report.rows.map { row in
            Row(
                line: row.line, username: row.username, fullName: row.fullName, commune: row.commune,
                outcome: strings.text("import_outcome_\(row.outcome.rawValue)", language),
                isError: row.outcome == .error,
                message: row.problem.map {
                    Self.localized($0.code, $0.arguments, english: $0.english, strings: strings, language: language)
                },
                note: row.notice.map {
                    let key = "import_note.\($0.code)"
                    return strings.has(key) ? strings.text(key, language, $0.arguments) : $0.english
                },
                enrolledIn: row.enrolledIn)
        }
        self.dryRun = report.dryRun
        self.failed = !report.errors.isEmpty
        self.csv = csv
        self.slips = LoginSlips(report.rows, baseURL: baseURL)
    }

    static func summary(_ report: UserImport.Report, strings: Strings, language: Language) -> String {
        if !report.errors.isEmpty {
            return strings.text("import_failed", language, [LocalText.count(report.errors.count, language)])
        }
        let counts = [report.created, report.updated, report.unchanged].map { LocalText.count($0, language) }
        return strings.text(report.dryRun ? "import_dry_summary" : "import_summary", language, counts)
    }

    /// A problem in the page's language; in English when the strings have no text for its code.
    static func localized(
        _ code: String, _ arguments: [String], english: String, strings: Strings, language: Language
    ) -> String {
        let key = "import_error.\(code)"
        return strings.has(key) ? strings.text(key, language, arguments) : english
    }
}
