/// The report pages for trainers, HR and admins (`ReportController`, `QuizReportController`, `AuditController`).
enum ReportPages {
    static let all: [any Page.Type] = [ReportsPage.self, ReportPrintPage.self, QuizReportPage.self, AuditPage.self]
}

/// A link with its text: a breadcrumb, a quiz of the course.
struct ReportLinkItem: Sendable, Encodable {
    let label: String
    let url: String
}

/// `/reports`: groups, a group's communes or a commune's people, with filters and sortable columns.
struct ReportsPage: Page {
    static let template = "reports"

    /// One of "groups · communes · people", the current one not a link.
    struct Level: Sendable, Encodable {
        let label: String
        let url: String
        let current: Bool
    }

    let title: String
    let courseTitle: String
    let filters: ReportForm
    /// Province › group › commune.
    let crumbs: [ReportLinkItem]
    let levels: [Level]
    let csvURL: String
    let printURL: String
    /// Nil when nobody is enrolled under the filters: the page says so instead.
    let table: ReportTablePart?
    let pager: ReportPaging.Links?
    /// The course's quizzes, each a link to its report under the same filters.
    let quizzes: [ReportLinkItem]
}

/// `/reports/print`: the table on A4, headed with the issuer, the course, the scope and the day it was prepared.
struct ReportPrintPage: Page {
    static let template = "reports_print"

    let title: String
    let issuer: String
    let course: String
    let heading: String
    /// "Enrolled from … to …", when the report is narrowed to a range of days.
    let period: String?
    let prepared: String
    let backURL: String
    let table: ReportTablePart?
}

/// `/reports/quiz`: one quiz's learners with their best score and attempts, a page of 200 at a time.
struct QuizReportPage: Page {
    static let template = "report_quiz"

    let title: String
    let course: String
    let backURL: String
    let csvURL: String
    let filters: ReportForm
    let table: ReportTablePart?
    let pager: ReportPaging.Links?
}

/// `/admin/audit`: the audit log, newest first, with its filters and older/newer links.
struct AuditPage: Page {
    static let template = "audit"

    struct Action: Sendable, Encodable {
        let value: String
        let label: String
        let selected: Bool
    }

    struct Entry: Sendable, Encodable {
        /// As people read it, in Vietnam's time.
        let when: String
        /// RFC 3339, for `<time datetime>`.
        let iso: String
        let actor: String
        let action: String
        let target: String
        let detail: String
        let address: String
    }

    let title: String
    let formAction = SitePath.audit
    let actions: [Action]
    let actor: String
    let from: String
    let to: String
    let entries: [Entry]
    let newer: String?
    let older: String?
    let pageLabel: String
}
