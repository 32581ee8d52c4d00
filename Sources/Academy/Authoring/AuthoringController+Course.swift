import Foundation
import Hummingbird
import Signing

extension AuthoringController {
    /// The document being edited: the draft if there is one, else the published course.
    func document(_ slug: String) throws -> CourseDocument {
        let folder = drafts.hasDraft(slug) ? drafts.draft(slug) : drafts.published(slug)
        return try CourseDocument.read(folder + "/course.yaml")
    }

    func base(_ slug: String) -> String {
        drafts.hasDraft(slug)
            ? drafts.version(slug, "course.yaml")
            : Digest256.hex(
                (try? String(contentsOfFile: drafts.published(slug) + "/course.yaml", encoding: .utf8)) ?? "")
    }

    /// The course's settings, modules and draft state.
    @Sendable func overview(_ request: Request, context: AppRequestContext) async throws -> Response {
        let slug = try slug(context)
        let done = try FormBody.query(DoneQuery.self, from: request).done
        return try render(slug, request, context, message: done.map { pages.text("author_done_\($0)", context) })
    }

    func render(
        _ slug: String, _ request: Request, _ context: AppRequestContext, message: String? = nil,
        problems: [CourseProblem] = [], conflict: [DiffRow] = [], status: HTTPResponse.Status = .ok
    ) throws -> Response {
        let page = AuthorCoursePage(
            slug: slug, document: try document(slug), base: base(slug), draft: drafts.hasDraft(slug),
            published: catalog.snapshot.course(slug) != nil, message: message,
            problems: (problems.isEmpty ? drafts.problems(slug) : problems).map(\.description), conflict: conflict)
        return pages.render(page, request: request, context: context, status: status)
    }

    /// Applies a change to course.yaml when nobody else saved it meanwhile and the result is valid.
    func change(
        _ request: Request, _ context: AppRequestContext, base sent: String?, extraFiles: [String: Data] = [:],
        removing: [String] = [], _ edit: (inout CourseDocument) throws -> Void
    ) async throws -> Response {
        let slug = try slug(context)
        var document = try document(slug)
        let before = try document.yaml()
        try edit(&document)
        let after = try document.yaml()
        if sent != base(slug) {
            let current =
                drafts.read(slug, "course.yaml")
                ?? ((try? String(contentsOfFile: drafts.published(slug) + "/course.yaml", encoding: .utf8)) ?? before)
            return try render(
                slug, request, context, message: pages.text("author_conflict", context),
                conflict: LineDiff.rows(after, current), status: .conflict)
        }
        var files = extraFiles
        files["course.yaml"] = Data(after.utf8)
        let problems = try drafts.save(slug, files: files, removing: removing)
        guard problems.isEmpty else {
            return try render(
                slug, request, context, message: pages.text("author_refused", context), problems: problems,
                status: .unprocessableContent)
        }
        return .redirect(to: SitePath.authorCourse(slug) + "?done=saved", type: .normal)
    }

    /// Titles, summary, version label, self-enrolment and the certificate.
    @Sendable func settings(_ request: Request, context: AppRequestContext) async throws -> Response {
        // FormData: the certificate's modules are checkboxes sharing one name (see FormBody).
        let form = try await FormData.read(request, context: context)
        return try await change(request, context, base: form["base"]) { document in
            document.title = .init(vi: form["title_vi"] ?? "", en: form["title_en"])
            document.summary = .init(vi: form["summary_vi"] ?? "", en: form["summary_en"])
            document.version = form["version"].flatMap { $0.isEmpty ? nil : $0 }
            document.open = form["open"] != nil
            let requires = form.all("cert_requires")
            if requires.isEmpty {
                document.certificate = nil
            } else {
                document.certificate = .init(
                    requires: requires,
                    title: (form["cert_title_vi"] ?? "").isEmpty && (form["cert_title_en"] ?? "").isEmpty
                        ? nil : .init(vi: form["cert_title_vi"] ?? "", en: form["cert_title_en"]),
                    description: .init(vi: form["cert_desc_vi"] ?? "", en: form["cert_desc_en"]))
            }
        }
    }

    /// A new module with an empty lesson to write.
    @Sendable func addModule(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form = try await FormBody.decode(ModuleForm.self, from: request, context: context)
        let module = (form.slug ?? "").lowercased()
        let title = form.titleVI ?? ""
        let lesson = "lessons/\(module).md"
        return try await change(request, context, base: form.base, extraFiles: [lesson: Data()]) { document in
            document.modules.append(.init(slug: module, title: .init(vi: title, en: form.titleEN), lesson: lesson))
        }
    }

    /// Moves a module one place up or down.
    @Sendable func moveModule(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form = try await FormBody.decode(MoveForm.self, from: request, context: context)
        let module = context.parameters.get("module") ?? ""
        return try await change(request, context, base: form.base) { document in
            guard let index = document.modules.firstIndex(where: { $0.slug == module }) else {
                throw AuthoringError.noSuchModule(module)
            }
            let target = form.direction == "up" ? index - 1 : index + 1
            guard document.modules.indices.contains(target) else { return }
            document.modules.swapAt(index, target)
        }
    }

    /// Removes a module and its lesson and quiz files (refused if the certificate still requires it).
    @Sendable func removeModule(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form = try await FormBody.decode(RemoveForm.self, from: request, context: context)
        guard form.confirm != nil else { throw AppError(.badRequest, "confirm_required") }
        let module = context.parameters.get("module") ?? ""
        let document = try document(try slug(context))
        guard let entry = document.module(module) else { throw AuthoringError.noSuchModule(module) }
        let files = [entry.lesson, entry.quiz?.file].compactMap { $0 }
        return try await change(request, context, base: form.base, removing: files) { document in
            document.modules.removeAll { $0.slug == module }
        }
    }
}

/// SHA-256 of text, as hex.
enum Digest256 {
    static func hex(_ text: String) -> String { Digest.sha256Hex(Array(text.utf8)) }
}
