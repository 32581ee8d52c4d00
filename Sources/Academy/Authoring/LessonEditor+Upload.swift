import Foundation
import Hummingbird

/// Image uploads and the draft's autosave (issue 16). editor.js shrinks a photo and sends it alone, asking for
/// JSON, and puts the Markdown line it gets back at the cursor; the form without JavaScript sends the typed text
/// along, which is saved as the draft with the image line at its end, so a page reload never loses a word.
extension LessonEditor {
    /// The answer to an upload made by script: where the image is and the line that shows it.
    struct UploadAnswer: Encodable {
        let path: String
        let markdown: String
        let alt: String
        let width: Int?
        let height: Int?
    }

    /// The answer to an autosave: the hash to send with the next save.
    struct AutosaveAnswer: Encodable {
        let base: String
    }

    /// An image for the lesson: PNG, JPEG, GIF or WebP by its first bytes, at most 2 MB and 1600 px wide, into
    /// `media/`. JSON when asked for (editor.js); with the form's text, the text is saved too.
    @Sendable func upload(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (slug, module, file) = try target(context)
        var request = request
        let body = Array(buffer: try await request.collectBody(upTo: context.bodyLimit))
        guard let type = request.headers[.contentType], let form = MultipartForm(contentType: type, body: body)
        else { throw AuthoringError.badUpload("none") }
        if let typed = form.field("markdown") {
            return try await uploadWithText(
                form, text: Self.normalized(typed), base: form.field("base") ?? "", slug: slug, module: module,
                file: file, request: request, context: context)
        }
        let (name, data, size) = try Self.checkedImage(form)
        let problems = try await Blocking.run { [drafts] in try drafts.save(slug, files: [name: data]) }
        guard problems.isEmpty else { throw AuthoringError.invalid(problems) }
        guard ErrorMiddleware.wantsJSON(request) else {
            return .redirect(to: SitePath.authorLesson(slug, module.slug) + "?image=" + name, type: .normal)
        }
        let alt = pages.text("author_image_alt", context)
        return try Self.json(
            UploadAnswer(path: name, markdown: "![\(alt)](\(name))", alt: alt, width: size?.width, height: size?.height)
        )
    }

    /// The form sent without JavaScript: the typed text is saved whatever happens to the image, and the editor
    /// shows why an image was refused (never a page without the text).
    func uploadWithText(
        _ form: MultipartForm, text: String, base: String, slug: String, module: CourseDocument.Module,
        file: String, request: Request, context: AppRequestContext
    ) async throws -> Response {
        var refusal: AppError?
        var withImage = text
        var extra: [String: Data] = [:]
        do {
            let (name, data, _) = try Self.checkedImage(form)
            let alt = pages.text("author_image_alt", context)
            withImage = text + (text.isEmpty || text.hasSuffix("\n") ? "" : "\n") + "\n![\(alt)](\(name))\n"
            extra[name] = data
        } catch let error as any AppErrorConvertible {
            refusal = error.appError
        }
        switch try await store(slug, module, file, text: withImage, base: base, extra: extra) {
        case .saved(let newBase, let replaced):
            try await authoring.recordSave(
                slug, file, text: withImage, replacing: replaced, resolution: nil, context: context)
            guard let refusal else {
                return .redirect(to: SitePath.authorLesson(slug, module.slug) + "?done=image", type: .normal)
            }
            var page = AuthorLessonPage(slug: slug, module: module, markdown: text, base: newBase)
            page.message = pages.text("author_done_saved", context)
            page.error = pages.strings.text("error.\(refusal.code)", context.language, refusal.arguments)
            return pages.render(page, request: request, context: context, status: refusal.status)
        case .conflict(let now):
            return try await conflict(slug, module, file, mine: text, theirs: now, request, context)
        case .refused(let problems):
            return refused(slug, module, text: text, base: base, problems, request: request, context: context)
        }
    }

    /// Saves the typed text as the draft, for editor.js a few seconds after the last keystroke; JSON both ways.
    @Sendable func autosave(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (slug, module, file) = try target(context)
        let form = try await FormBody.decode(LessonForm.self, from: request, context: context)
        let text = Self.normalized(form.markdown)
        switch try await store(slug, module, file, text: text, base: form.base ?? "") {
        case .saved(let base, let replaced):
            try await authoring.recordSave(
                slug, file, text: text, replacing: replaced, resolution: nil, context: context)
            return try Self.json(AutosaveAnswer(base: base))
        case .conflict:
            throw AppError(.conflict, "author_autosave_conflict")
        case .refused(let problems):
            throw AppError(
                .unprocessableContent, "author_autosave_refused", problems.map(\.description).joined(separator: "; "))
        }
    }

    /// The form's image, checked: its stored name under `media/`, its bytes and its size when the header gives it.
    static func checkedImage(_ form: MultipartForm) throws -> (String, Data, ImageSize?) {
        guard let file = form.file("image"), !file.body.isEmpty else { throw AuthoringError.badUpload("none") }
        guard file.body.count <= maxImageBytes else {
            throw AppError(.contentTooLarge, "author_upload_too_big")
        }
        guard let ext = imageType(file.body) else { throw AuthoringError.badUpload("not_image") }
        let size = ImageSize.of(Array(file.body.prefix(ImageSize.headerBytes)))
        if let size, size.width > maxImageWidth {
            throw AppError(
                .unprocessableContent, "author_upload_too_wide", String(size.width), String(maxImageWidth))
        }
        let stem = safeName((file.filename ?? "hinh") as NSString)
        return ("media/\(stem)-\(UUID().uuidString.prefix(6).lowercased()).\(ext)", Data(file.body), size)
    }

    static func json(_ value: some Encodable) throws -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        headers[.cacheControl] = "no-store"
        return Response(
            status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: try AppJSON.api.encode(value))))
    }
}
