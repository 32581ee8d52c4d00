import Foundation
import Hummingbird

extension AuthoringController {
    /// Every publish: who, when, which version; above them, the draft's saves since the last publish.
    @Sendable func history(_ request: Request, context: AppRequestContext) async throws -> Response {
        let slug = try slug(context)
        let history = try await publisher.history(slug)
        let saves = drafts.hasDraft(slug) ? try await log.saves(slug, after: history.first?.publishedAt) : []
        let page = AuthorHistoryPage(
            slug: slug, history: history, saves: saves, titles: titles(slug, context.language),
            strings: pages.strings, language: context.language)
        return pages.render(page, request: request, context: context)
    }

    /// The draft's lessons and quizzes by file, named as the history lists them ("Bài học: …").
    func titles(_ slug: String, _ language: Language) -> [String: String] {
        var titles: [String: String] = [:]
        for module in (try? document(slug))?.modules ?? [] {
            let title = language == .en ? module.title.en ?? module.title.vi : module.title.vi
            if let lesson = module.lesson {
                titles[lesson] = pages.strings.text("author_read_lesson", language, [title])
            }
            if let quiz = module.quiz?.file { titles[quiz] = pages.strings.text("author_read_quiz", language, [title]) }
        }
        return titles
    }

    /// One version as a person reads it, compared with the one before it; the form to publish it again.
    @Sendable func historyEntry(_ request: Request, context: AppRequestContext) async throws -> Response {
        let slug = try slug(context)
        guard let id = context.parameters.get("id", as: Int64.self),
            let entry = try await publisher.entry(slug, id: id)
        else { throw AppError.notFound }
        let all = try await publisher.history(slug)
        // Rendering every lesson of a version grows with the course: off the event loop.
        let (files, mediaBase) = (entry.files, SitePath.authorCourse(slug) + "/media/")
        let html = try await Blocking.run {
            let renderer = MarkdownRenderer()
            return files.filter { $0.key.hasSuffix(".md") }.mapValues { data in
                renderer.render(
                    CourseLoader.withoutLeadingTitle(String(decoding: data, as: UTF8.self)), mediaBase: mediaBase)
            }
        }
        let page = AuthorDiffPage(
            slug: slug, entry: entry, history: all, html: html, hasDraft: drafts.hasDraft(slug),
            strings: pages.strings, language: context.language)
        return pages.render(page, request: request, context: context)
    }

    /// Publishes an earlier version again, as a new version.
    @Sendable func restore(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try context.requireSignedIn()
        let slug = try slug(context)
        guard let id = context.parameters.get("id", as: Int64.self) else { throw AppError.notFound }
        guard try await FormBody.decode(ConfirmForm.self, from: request, context: context).confirmed else {
            throw AppError(.badRequest, "confirm_required")
        }
        try await publisher.restore(slug, id: id, by: user.user)
        return .redirect(to: SitePath.authorCourse(slug) + "?done=restored", type: .normal)
    }

    /// The published course folder as a ZIP.
    @Sendable func export(_ request: Request, context: AppRequestContext) async throws -> Response {
        let slug = try slug(context)
        let folder = drafts.published(slug)
        let data = try await Blocking.run { try CourseZip.export(folder: folder, slug: slug) }
        return Response(
            status: .ok,
            headers: [.contentType: "application/zip", .contentDisposition: "attachment; filename=\"\(slug).zip\""],
            body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// A ZIP of a course folder becomes that course's draft, if every entry is safe and the course is valid.
    @Sendable func importZip(_ request: Request, context: AppRequestContext) async throws -> Response {
        var request = request
        let body = Array(buffer: try await request.collectBody(upTo: context.bodyLimit))
        guard let type = request.headers[.contentType], let form = MultipartForm(contentType: type, body: body),
            let file = form.file("file"), !file.body.isEmpty
        else { throw AuthoringError.badZip("not_zip") }
        do {
            let (zip, drafts, replacing) = (Data(file.body), drafts, form.field("replace") != nil)
            let slug = try await Blocking.run {
                try CourseZip.importDraft(zip, into: drafts, replacingDraft: replacing)
            }
            return .redirect(to: SitePath.authorCourse(slug) + "?done=imported", type: .normal)
        } catch let AuthoringError.invalid(problems) {
            let page = AuthorIndexPage(
                courses: [], importProblems: problems.map(\.description), strings: pages.strings,
                language: context.language)
            return pages.render(page, request: request, context: context, status: .unprocessableContent)
        }
    }
}
