import Foundation
import Hummingbird
import Signing

extension AuthoringController {
    /// The document being edited: the draft if there is one, else the published course.
    func document(_ slug: String) throws -> CourseDocument {
        let folder = drafts.hasDraft(slug) ? drafts.draft(slug) : drafts.published(slug)
        return try CourseDocument.read(folder + "/course.yaml")
    }

    func base(_ slug: String) -> String { Digest256.hex(drafts.current(slug, "course.yaml") ?? "") }

    /// The course's settings, modules and draft state.
    @Sendable func overview(_ request: Request, context: AppRequestContext) async throws -> Response {
        let slug = try slug(context)
        let done = try FormBody.query(DoneQuery.self, from: request).done
        return try render(slug, request, context, message: done.map { pages.text("author_done_\($0)", context) })
    }

    func render(
        _ slug: String, _ request: Request, _ context: AppRequestContext, message: String? = nil,
        problems: [CourseProblem] = [], newModule: AuthorCoursePage.NewModule = .init(),
        status: HTTPResponse.Status = .ok
    ) throws -> Response {
        let shown = problems.isEmpty ? drafts.problems(slug) : problems
        let page = AuthorCoursePage(
            slug: slug, document: try document(slug), base: base(slug), draft: drafts.hasDraft(slug),
            published: catalog.snapshot.course(slug) != nil, message: message,
            problems: shown.map { QuizFormErrors.text($0, pages.strings, context.language) }, newModule: newModule)
        return pages.render(page, request: request, context: context, status: status)
    }

    /// What a change of course.yaml did.
    enum Changed: Sendable {
        /// Written: the text written and the one it replaced.
        case saved(String, replaced: String)
        /// Someone saved since the page's `base`: their course.yaml, and ours with this change.
        case conflict(theirs: String, mine: CourseDocument)
        case refused([CourseProblem])
    }

    /// Applies a change to course.yaml when nobody else saved it meanwhile and the result is valid. The check, the
    /// edit of the course as it is now and the save are one step under the course's lock, off the event loop.
    /// `keep` are the form's own fields, which "keep mine" on the conflict page sends again; `resolution` is that
    /// page's choice when the form came from there.
    func change(
        _ request: Request, _ context: AppRequestContext, base sent: String?, keep: [AuthorConflictPage.Field],
        resolution: String? = nil, extraFiles: [String: Data] = [:], removing: [String] = [],
        _ edit: @escaping @Sendable (inout CourseDocument) throws -> Void
    ) async throws -> Response {
        let slug = try slug(context)
        let outcome: Changed = try await Blocking.run { [self] in
            try drafts.exclusive(slug) {
                var document = try document(slug)
                let before = try document.yaml()
                try edit(&document)
                let after = try document.yaml()
                let current = drafts.current(slug, "course.yaml") ?? before
                guard sent == Digest256.hex(current) else { return .conflict(theirs: current, mine: document) }
                var files = extraFiles
                files["course.yaml"] = Data(after.utf8)
                let problems = try drafts.save(slug, files: files, removing: removing)
                return problems.isEmpty ? .saved(after, replaced: current) : .refused(problems)
            }
        }
        switch outcome {
        case .conflict(let theirs, let mine):
            let reading = VersionReading(files: [:], previous: [:], strings: pages.strings, language: context.language)
            let conflict = Conflict(
                slug: slug, file: "course.yaml", what: pages.text("author_read_course", context),
                mine: reading.reading(mine),
                theirs: VersionReading.document(Data(theirs.utf8)).map(reading.reading) ?? theirs, theirsFile: theirs,
                action: request.uri.path, keepFields: keep, editorURL: SitePath.authorCourse(slug), merge: nil)
            return try await self.conflict(conflict, request: request, context: context)
        case .refused(let problems):
            return try render(
                slug, request, context, message: pages.text("author_refused", context), problems: problems,
                status: .unprocessableContent)
        case .saved(let written, let replaced):
            try await recordSave(
                slug, "course.yaml", text: written, replacing: replaced, resolution: resolution, context: context)
            return .redirect(to: SitePath.authorCourse(slug) + "?done=saved", type: .normal)
        }
    }

    /// Titles, summary, version label, self-enrolment and the certificate.
    @Sendable func settings(_ request: Request, context: AppRequestContext) async throws -> Response {
        // FormData: the certificate's modules are checkboxes sharing one name (see FormBody).
        let form = try await FormData.read(request, context: context)
        let keep = form.fields.filter { !["_csrf", "base", "resolution"].contains($0.name) }
            .map { AuthorConflictPage.Field(name: $0.name, value: $0.value) }
        return try await change(request, context, base: form["base"], keep: keep, resolution: form["resolution"]) {
            document in
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

    /// A new module with an empty lesson to write. Its code is the one typed, or one made from its Vietnamese title
    /// ("Bài 2: Chữ ký số" → `bai-2-chu-ky-so`, then `-2` if the course has it); what is wrong is said beside the
    /// field, in the reader's language, with everything typed kept.
    @Sendable func addModule(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form = try await FormBody.decode(ModuleForm.self, from: request, context: context)
        let slug = try slug(context)
        let typed = (form.slug ?? "").lowercased()
        let title = form.titleVI ?? ""
        let taken = Set(try document(slug).modules.map(\.slug)).union(CourseLoader.reservedModuleSlugs)
        let module = typed.isEmpty ? Slug.unique(Slug.make(title), taken: taken) : typed
        var values = AuthorCoursePage.NewModule(titleVI: title, slug: form.slug ?? "", titleEN: form.titleEN ?? "")
        let language = context.language
        if title.isEmpty { values.titleError = pages.text("author_module_title_required", context) }
        if module.isEmpty {
            if !title.isEmpty { values.slugError = pages.text("author_module_slug_empty", context) }
        } else if !CourseLoader.isSlug(module) {
            let suggestion = Slug.make(module)
            values.slugError = pages.strings.text(
                "author_module_slug_invalid", language, [suggestion.isEmpty ? "bai-moi" : suggestion])
        } else if taken.contains(module) {
            values.slugError = pages.strings.text(
                "author_module_slug_taken", language, [module, Slug.unique(module, taken: taken)])
        }
        if values.titleError != nil || values.slugError != nil {
            return try render(
                slug, request, context, message: pages.text("author_refused", context), newModule: values,
                status: .unprocessableContent)
        }
        let lesson = "lessons/\(module).md"
        let keep: [AuthorConflictPage.Field] = [
            .init(name: "module_slug", value: module), .init(name: "module_title_vi", value: title),
            .init(name: "module_title_en", value: form.titleEN ?? ""),
        ]
        let english = form.titleEN
        return try await change(
            request, context, base: form.base, keep: keep, resolution: form.resolution, extraFiles: [lesson: Data()]
        ) { document in
            document.modules.append(.init(slug: module, title: .init(vi: title, en: english), lesson: lesson))
        }
    }

    /// Moves a module one place up or down.
    @Sendable func moveModule(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form = try await FormBody.decode(MoveForm.self, from: request, context: context)
        let module = context.parameters.get("module") ?? ""
        let keep = [AuthorConflictPage.Field(name: "direction", value: form.direction ?? "")]
        let direction = form.direction
        return try await change(request, context, base: form.base, keep: keep, resolution: form.resolution) {
            document in
            guard let index = document.modules.firstIndex(where: { $0.slug == module }) else {
                throw AuthoringError.noSuchModule(module)
            }
            let target = direction == "up" ? index - 1 : index + 1
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
        let keep = [AuthorConflictPage.Field(name: "confirm", value: "1")]
        return try await change(
            request, context, base: form.base, keep: keep, resolution: form.resolution, removing: files
        ) { document in
            document.modules.removeAll { $0.slug == module }
        }
    }
}

/// SHA-256 of text, as hex.
enum Digest256 {
    static func hex(_ text: String) -> String { Digest.sha256Hex(Array(text.utf8)) }
}
