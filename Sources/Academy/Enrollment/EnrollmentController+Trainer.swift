import Foundation
import GRDB
import Hummingbird

extension EnrollmentController {
    /// The trainer's form: a course, and either a list of usernames or a whole district or commune.
    @Sendable func enrollOthersForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        try context.require(.trainer)
        return pages.page(
            "enroll", title: pages.text("enroll_title", context), data: try await formData(context, result: nil),
            request: request, context: context)
    }

    func formData(_ context: AppRequestContext, result: String?) async throws -> [String: Any] {
        let places = try await database.writer.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT district, commune, COUNT(*) AS people FROM user
                    WHERE role = 'learner' AND active = 1 AND commune <> ''
                    GROUP BY district, commune ORDER BY district, commune
                    """)
        }
        let districts = Array(Set(places.map { $0["district"] as String })).sorted()
        return [
            "courses": catalog.snapshot.courses.map { ["slug": $0.slug, "title": $0.title.text(context.language)] },
            "districts": districts,
            "communes": places.map { row in
                let district: String = row["district"]
                let commune: String = row["commune"]
                return ["value": "\(district)|\(commune)", "label": "\(commune) (\(district)) — \(row["people"] as Int)"]
            },
            "result": result as Any,
        ]
    }

    /// Enrols the chosen people; already-enrolled people are left as they are.
    @Sendable func enrollOthers(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try context.require(.trainer)
        let form = try await FormBody.decode(EnrollForm.self, from: request, context: context)
        guard let slug = form.course, catalog.snapshot.course(slug) != nil else {
            throw AppError(.badRequest, "course_not_found", form.course ?? "")
        }
        let (ids, unknown) = try await chosenPeople(form)
        let created = try await enrollments.enroll(userIDs: ids, course: slug, by: actor.id)
        context.logger.info("user \(actor.id ?? 0) enrolled \(created) new learner(s) in \(slug)")
        try await audit.record(
            .learnersEnrolled, target: slug, detail: "\(created) new of \(ids.count) chosen", context: context)
        var result = pages.text("enroll_result", context, String(created), String(ids.count - created))
        if !unknown.isEmpty { result += " " + pages.text("enroll_unknown", context, unknown.joined(separator: ", ")) }
        return pages.page(
            "enroll", title: pages.text("enroll_title", context), data: try await formData(context, result: result),
            request: request, context: context)
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
                    db, sql: "SELECT id FROM user WHERE role = 'learner' AND active = 1 AND district = ?", arguments: [district])
                return (ids, [])
            case "commune" where commune.contains("|"):
                let parts = commune.split(separator: "|", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
                let ids = try Int64.fetchAll(
                    db, sql: "SELECT id FROM user WHERE role = 'learner' AND active = 1 AND district = ? AND commune = ?",
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
