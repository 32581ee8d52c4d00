import Foundation
import Hummingbird

/// The lesson editor: a plain textarea (buttons insert Markdown when JavaScript is on), a preview rendered by the
/// very renderer learners see, image upload, and refusal of a save that would overwrite someone else's. With
/// JavaScript the text is saved as a draft by itself and images go up in the background (issue 16).
struct LessonEditor: Sendable {
    let drafts: DraftStore
    let authoring: AuthoringController
    let renderer: MarkdownRenderer
    let pages: PageRenderer
    static let maxImageBytes = 2 * 1024 * 1024
    /// The widest image stored. editor.js shrinks photos to at most 960 px wide before they are sent (the widest
    /// lesson column is about 736 CSS px); wider is bytes every learner downloads and no screen shows.
    static let maxImageWidth = 1600

    var endpoints: RouteCollection<AppRequestContext> {
        let routes = RouteCollection(context: AppRequestContext.self)
        routes.add(middleware: RequireRole(.trainer))
        routes.get("/author/courses/:slug/modules/:module/lesson", use: edit)
        routes.post("/author/courses/:slug/modules/:module/lesson", use: save)
        routes.post("/author/courses/:slug/modules/:module/lesson/draft", use: autosave)
        routes.post("/author/courses/:slug/modules/:module/media", use: upload)
        routes.get("/author/courses/:slug/media/:file", use: draftImage)
        return routes
    }

    func target(_ context: AppRequestContext) throws -> (String, CourseDocument.Module, String) {
        let slug = try authoring.slug(context)
        let module = context.parameters.get("module") ?? ""
        guard let entry = try authoring.document(slug).module(module) else {
            throw AuthoringError.noSuchModule(module)
        }
        return (slug, entry, entry.lesson ?? "lessons/\(module).md")
    }

    func current(_ slug: String, _ file: String) -> String {
        drafts.current(slug, file) ?? ""
    }

    /// The editor with the lesson as it is now.
    @Sendable func edit(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (slug, module, file) = try target(context)
        let text = current(slug, file)
        let query = try FormBody.query(AuthoringController.DoneQuery.self, from: request)
        var page = AuthorLessonPage(slug: slug, module: module, markdown: text, base: Digest256.hex(text))
        if query.done == "saved" { page.message = pages.text("author_done_saved", context) }
        if query.done == "image" { page.message = pages.text("author_done_image", context) }
        if let inserted = query.image, Folder.isSafe(inserted) {
            page.imageSnippet = "![\(pages.text("author_image_alt", context))](\(inserted))"
        }
        return pages.render(page, request: request, context: context)
    }

    /// Preview, or save after the validator accepts; the typed text is kept whenever the save is refused.
    @Sendable func save(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (slug, module, file) = try target(context)
        let form = try await FormBody.decode(LessonForm.self, from: request, context: context)
        let text = Self.normalized(form.markdown)
        let base = form.base ?? ""
        if form.action == "preview" {
            // Images of the draft are shown from the draft (they are not published yet).
            let folder = (drafts.hasDraft(slug) ? drafts.draft(slug) : drafts.published(slug)) + "/media"
            let html = renderer.renderLesson(
                CourseLoader.withoutLeadingTitle(text), mediaBase: SitePath.authorCourse(slug) + "/media/",
                mediaFolder: folder)
            var page = AuthorLessonPage(slug: slug, module: module, markdown: text, base: base)
            page.preview = html
            return pages.render(page, request: request, context: context)
        }
        switch try await store(slug, module, file, text: text, base: base) {
        case .saved(_, let replaced):
            try await authoring.recordSave(
                slug, file, text: text, replacing: replaced, resolution: form.resolution, context: context)
            return .redirect(to: SitePath.authorLesson(slug, module.slug) + "?done=saved", type: .normal)
        case .conflict(let now):
            // Someone else saved since this form was made: nothing is written until the trainer chooses (issue 16).
            return try await conflict(slug, module, file, mine: text, theirs: now, request, context)
        case .refused(let problems):
            return refused(slug, module, text: text, base: base, problems, request: request, context: context)
        }
    }

    /// What `store` did with a lesson's text.
    enum Stored: Sendable {
        /// Saved; the hash to send with the next save, and the text it replaced.
        case saved(base: String, replaced: String)
        /// Someone saved since the editor's `base`: their text.
        case conflict(String)
        /// The validator's problems; nothing was written.
        case refused([CourseProblem])
    }

    /// Saves the lesson text (and `extra` files, such as an image it shows) into the draft, unless someone else
    /// saved since `base`; a module without a lesson file gets one in course.yaml. Off the event loop: this copies
    /// and validates the whole course.
    func store(
        _ slug: String, _ module: CourseDocument.Module, _ file: String, text: String, base: String,
        extra: [String: Data] = [:]
    ) async throws -> Stored {
        try await Blocking.run { [self] in
            try drafts.exclusive(slug) {
                let now = current(slug, file)
                guard Digest256.hex(now) == base || now == text else { return .conflict(now) }
                var files = extra
                files[file] = Data(text.utf8)
                if module.lesson == nil {
                    var document = try authoring.document(slug)
                    if let index = document.modules.firstIndex(where: { $0.slug == module.slug }) {
                        document.modules[index].lesson = file
                    }
                    files["course.yaml"] = Data(try document.yaml().utf8)
                }
                let problems = try drafts.save(slug, files: files)
                return problems.isEmpty ? .saved(base: Digest256.hex(text), replaced: now) : .refused(problems)
            }
        }
    }

    /// The editor with the typed text and what the validator found (422).
    func refused(
        _ slug: String, _ module: CourseDocument.Module, text: String, base: String, _ problems: [CourseProblem],
        request: Request, context: AppRequestContext
    ) -> Response {
        var page = AuthorLessonPage(slug: slug, module: module, markdown: text, base: base)
        page.error = pages.text("author_refused", context)
        page.problems = problems.map(\.description)
        return pages.render(page, request: request, context: context, status: .unprocessableContent)
    }

    /// Text as stored: Unix line ends, NFC (a Vietnamese keyboard may type decomposed diacritics).
    static func normalized(_ markdown: String?) -> String {
        (markdown ?? "").replacingOccurrences(of: "\r\n", with: "\n").precomposedStringWithCanonicalMapping
    }

    /// An image of the draft (or of the published course), for previews; trainers and admins only.
    @Sendable func draftImage(_ request: Request, context: AppRequestContext) async throws -> Response {
        let slug = try authoring.slug(context)
        let name = context.parameters.get("file") ?? ""
        guard Folder.isSafe(name), !name.contains("/") else { throw AppError.notFound }
        let folder = drafts.hasDraft(slug) ? drafts.draft(slug) : drafts.published(slug)
        guard let data = FileManager.default.contents(atPath: folder + "/media/" + name),
            let ext = Self.imageType(Array(data))
        else { throw AppError.notFound }
        return Response(
            status: .ok,
            headers: [
                .contentType: StaticFiles.contentType(for: ext), .cacheControl: "private, no-cache",
                .contentSecurityPolicy: "default-src 'none'; sandbox",
            ],
            body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    static func imageType(_ bytes: [UInt8]) -> String? {
        if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]) { return "png" }
        if bytes.starts(with: [0xFF, 0xD8, 0xFF]) { return "jpg" }
        if bytes.starts(with: Array("GIF8".utf8)) { return "gif" }
        if bytes.count > 12 && bytes.starts(with: Array("RIFF".utf8)) && Array(bytes[8..<12]) == Array("WEBP".utf8) {
            return "webp"
        }
        return nil
    }

    /// A file name stem of ASCII letters, digits and hyphens.
    static func safeName(_ name: NSString) -> String {
        let stem = Text.searchKey(name.deletingPathExtension).map { $0.isLetter || $0.isNumber ? $0 : "-" }
        let cleaned = String(stem).split(separator: "-").joined(separator: "-").prefix(40)
        return cleaned.isEmpty || !cleaned.allSatisfy(\.isASCII) ? "hinh" : String(cleaned)
    }
}
