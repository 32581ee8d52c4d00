import Foundation
import Hummingbird

/// The lesson editor: a plain textarea (buttons insert Markdown when JavaScript is on), a preview rendered by the
/// very renderer learners see, image upload, and refusal of a save that would overwrite someone else's.
struct LessonEditor {
    let drafts: DraftStore
    let authoring: AuthoringController
    let renderer: MarkdownRenderer
    let pages: PageRenderer
    static let maxImageBytes = 2 * 1024 * 1024

    var endpoints: RouteCollection<AppRequestContext> {
        let routes = RouteCollection(context: AppRequestContext.self)
        routes.add(middleware: RequireRole(.trainer))
        routes.get("/author/courses/:slug/modules/:module/lesson", use: edit)
        routes.post("/author/courses/:slug/modules/:module/lesson", use: save)
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
        drafts.read(slug, file)
            ?? (try? String(contentsOfFile: drafts.published(slug) + "/" + file, encoding: .utf8)) ?? ""
    }

    /// The editor with the lesson as it is now.
    @Sendable func edit(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (slug, module, file) = try target(context)
        let text = current(slug, file)
        let query = try FormBody.query(AuthoringController.DoneQuery.self, from: request)
        var page = AuthorLessonPage(slug: slug, module: module, markdown: text, base: Digest256.hex(text))
        if query.done == "saved" { page.message = pages.text("author_done_saved", context) }
        if let inserted = query.image, Folder.isSafe(inserted) {
            page.imageSnippet = "![\(pages.text("author_image_alt", context))](\(inserted))"
        }
        return pages.render(page, request: request, context: context)
    }

    /// Preview, or save after the validator accepts; the typed text is kept whenever the save is refused.
    @Sendable func save(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (slug, module, file) = try target(context)
        let form = try await FormBody.decode(LessonForm.self, from: request, context: context)
        let text = (form.markdown ?? "").replacingOccurrences(of: "\r\n", with: "\n")
            .precomposedStringWithCanonicalMapping
        let base = form.base ?? ""
        if form.action == "preview" {
            // Images of the draft are shown from the draft (they are not published yet).
            let html = renderer.render(
                CourseLoader.withoutLeadingTitle(text), mediaBase: SitePath.authorCourse(slug) + "/media/")
            var page = AuthorLessonPage(slug: slug, module: module, markdown: text, base: base)
            page.preview = html
            return pages.render(page, request: request, context: context)
        }
        let now = current(slug, file)
        // Someone else saved since this form was made: nothing is written until the trainer chooses (issue 16).
        guard Digest256.hex(now) == base || now == text else {
            return try await conflict(slug, module, file, mine: text, theirs: now, request, context)
        }
        var files = [file: Data(text.utf8)]
        if module.lesson == nil {
            var document = try authoring.document(slug)
            if let index = document.modules.firstIndex(where: { $0.slug == module.slug }) {
                document.modules[index].lesson = file
            }
            files["course.yaml"] = Data(try document.yaml().utf8)
        }
        let problems = try drafts.save(slug, files: files)
        guard problems.isEmpty else {
            var page = AuthorLessonPage(slug: slug, module: module, markdown: text, base: base)
            page.error = pages.text("author_refused", context)
            page.problems = problems.map(\.description)
            return pages.render(page, request: request, context: context, status: .unprocessableContent)
        }
        try await authoring.recordSave(
            slug, file, text: text, replacing: now, resolution: form.resolution, context: context)
        return .redirect(to: SitePath.authorLesson(slug, module.slug) + "?done=saved", type: .normal)
    }

    /// An image for the lesson: PNG, JPEG, GIF or WebP by its first bytes, at most 2 MB, into `media/`.
    @Sendable func upload(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (slug, module, _) = try target(context)
        var request = request
        let body = Array(buffer: try await request.collectBody(upTo: context.bodyLimit))
        guard let type = request.headers[.contentType], let form = MultipartForm(contentType: type, body: body),
            let file = form.file("image"), !file.body.isEmpty
        else { throw AuthoringError.badUpload("none") }
        guard file.body.count <= Self.maxImageBytes else { throw AuthoringError.badUpload("too_big") }
        guard let ext = Self.imageType(file.body) else {
            throw AuthoringError.badUpload("not_image")
        }
        let stem = Self.safeName((file.filename ?? "hinh") as NSString)
        let name = "media/\(stem)-\(UUID().uuidString.prefix(6).lowercased()).\(ext)"
        let problems = try drafts.save(slug, files: [name: Data(file.body)])
        guard problems.isEmpty else { throw AuthoringError.invalid(problems) }
        return .redirect(to: SitePath.authorLesson(slug, module.slug) + "?image=" + name, type: .normal)
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
