import Foundation
import GRDB
import Hummingbird

extension EnrollmentController {
    /// The trainer's form: a course, and either a list of usernames or a whole district or commune.
    @Sendable func enrollOthersForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        return pages.render(try await formPage(context, result: nil), request: request, context: context)
    }

    /// The form, with `result` when a post was just handled.
    func formPage(_ context: AppRequestContext, result: String?) async throws -> EnrollPage {
        let places = try await database.writer.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT district, commune, COUNT(*) AS people FROM user
                    WHERE role = 'learner' AND active = 1 AND commune <> ''
                    GROUP BY district, commune ORDER BY district, commune
                    """)
        }
        return EnrollPage(
            courses: catalog.snapshot.courses,
            places: places.map {
                EnrollPage.Place(district: $0["district"], commune: $0["commune"], people: $0["people"])
            },
            result: result, strings: pages.strings, language: context.language)
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

    /// The learners a form names: by username list, by district, or by commune.
    func chosenPeople(_ form: EnrollForm) async throws -> ([Int64], [String]) {
        let usernames = (form.usernames ?? "")
            .split(whereSeparator: { $0 == "\n" || $0 == "," || $0 == ";" || $0 == " " })
            .map { String($0).trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
        let district = form.district ?? ""
        let commune = form.commune ?? ""
        return try await database.writer.read { db in
            switch form.scope {
            case "district" where !district.isEmpty:
                let ids = try Int64.fetchAll(
                    db, sql: "SELECT id FROM user WHERE role = 'learner' AND active = 1 AND district = ?",
                    arguments: [district])
                return (ids, [])
            case "commune" where commune.contains("|"):
                let parts = commune.split(separator: "|", maxSplits: 1, omittingEmptySubsequences: false).map(
                    String.init)
                let ids = try Int64.fetchAll(
                    db,
                    sql: "SELECT id FROM user WHERE role = 'learner' AND active = 1 AND district = ? AND commune = ?",
                    arguments: [parts[0], parts[1]])
                return (ids, [])
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
