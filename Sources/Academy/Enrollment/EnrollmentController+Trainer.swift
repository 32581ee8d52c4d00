import Foundation
import GRDB
import Hummingbird

extension EnrollmentController {
    /// The trainer's form: a course, and either a list of usernames or a whole group or commune.
    @Sendable func enrollOthersForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        return pages.render(try await formPage(context, result: nil), request: request, context: context)
    }

    /// The form, with `result` when a post was just handled.
    func formPage(_ context: AppRequestContext, result: String?) async throws -> EnrollPage {
        let learners = try await database.writer.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT commune, COUNT(*) FROM user WHERE role = 'learner' AND active = 1 AND commune <> ''
                    GROUP BY commune
                    """)
        }
        return EnrollPage(
            courses: catalog.snapshot.courses, grouping: ReportGroups(places),
            learners: Dictionary(learners.map { row -> (String, Int) in (row[0], row[1]) }) { first, _ in first },
            result: result,
            strings: pages.strings, language: context.language)
    }

    /// Enrols the chosen people; already-enrolled people are left as they are.
    @Sendable func enrollOthers(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try context.requireSignedIn()
        let form = try await FormBody.decode(EnrollForm.self, from: request, context: context)
        guard let slug = form.course, catalog.snapshot.course(slug) != nil else {
            throw AppError(.badRequest, "course_not_found", form.course ?? "")
        }
        let (ids, unknown) = try await chosenPeople(form)
        let created = try await enrollments.enroll(userIDs: ids, course: slug, by: actor.id)
        context.logger.info("user \(actor.id) enrolled \(created) new learner(s) in \(slug)")
        try await audit.record(
            .learnersEnrolled, target: slug, detail: "\(created) new of \(ids.count) chosen", context: context)
        var result = pages.text(
            "enroll_result", context, LocalText.count(created, context.language),
            LocalText.count(ids.count - created, context.language))
        if !unknown.isEmpty { result += " " + pages.text("enroll_unknown", context, unknown.joined(separator: ", ")) }
        return pages.render(try await formPage(context, result: result), request: request, context: context)
    }

    /// The learners a form names: by username list, by group of the place list, or by commune.
    func chosenPeople(_ form: EnrollForm) async throws -> ([Int64], [String]) {
        let usernames = (form.usernames ?? "")
            .split(whereSeparator: { $0 == "\n" || $0 == "," || $0 == ";" || $0 == " " })
            .map { String($0).trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
        let group = form.group ?? ""
        let commune = form.commune ?? ""
        let grouping = ReportGroups(places)
        return try await database.writer.read { db in
            let learners = "SELECT id FROM user WHERE role = 'learner' AND active = 1"
            switch form.scope {
            case "group" where !group.isEmpty:
                // The group's communes; for "(no group)", everyone whose commune is in no group (as the reports).
                let names = grouping.communes(in: group)
                let list = Array(repeating: "?", count: names.count).joined(separator: ", ")
                let test = group == ReportGroups.none ? "NOT IN" : "IN"
                let ids = try Int64.fetchAll(
                    db, sql: "\(learners) AND commune \(test) (\(list))", arguments: StatementArguments(names))
                return (ids, [])
            case "commune" where !commune.isEmpty:
                return (try Int64.fetchAll(db, sql: "\(learners) AND commune = ?", arguments: [commune]), [])
            default:
                var ids: [Int64] = []
                var unknown: [String] = []
                for name in usernames {
                    if let id = try Int64.fetchOne(
                        db, sql: "SELECT id FROM user WHERE username = ? AND active = 1", arguments: [name])
                    {
                        ids.append(id)
                    } else {
                        unknown.append(name)
                    }
                }
                return (ids, unknown)
            }
        }
    }
}
