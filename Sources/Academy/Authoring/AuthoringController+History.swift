import Foundation
import Hummingbird

extension AuthoringController {
    /// Every publish: who, when, which version.
    @Sendable func history(_ request: Request, context: AppRequestContext) async throws -> Response {
        try context.require(.trainer)
        let slug = try slug(context)
        let entries = try await publisher.history(slug).map { entry -> [String: Any] in
            [
                "id": entry.id, "version": entry.contentVersion, "who": entry.publisherName,
                "when": DateText.short(entry.publishedAt, context.language), "note": entry.note,
                "url": SitePath.authorCourse(slug) + "/history/\(entry.id)",
            ]
        }
        return pages.page(
            "author_history", title: pages.text("author_history", context),
            data: ["slug": slug, "courseURL": SitePath.authorCourse(slug), "entries": entries], request: request,
            context: context)
    }

    /// One publish compared with the one before it: lesson texts and quiz files, line by line.
    @Sendable func historyEntry(_ request: Request, context: AppRequestContext) async throws -> Response {
        try context.require(.trainer)
        let slug = try slug(context)
        guard let id = context.parameters.get("id", as: Int64.self),
            let entry = try await publisher.entry(slug, id: id)
        else { throw AppError.notFound }
        let all = try await publisher.history(slug)
        let previous = all.first { $0.id < entry.id }?.files ?? [:]
        let textual = { (path: String) in [".md", ".yaml", ".yml", ".gift"].contains { path.hasSuffix($0) } }
        let paths = Set(entry.files.keys).union(previous.keys).sorted()
        let changes: [[String: Any]] = paths.compactMap { path in
            let old = previous[path].map { String(decoding: $0, as: UTF8.self) } ?? ""
            let new = entry.files[path].map { String(decoding: $0, as: UTF8.self) } ?? ""
            guard old != new || previous[path] != entry.files[path] else { return nil }
            return [
                "path": path, "rows": textual(path) ? LineDiff.rows(old, new) : [],
                "binary": !textual(path), "added": previous[path] == nil, "removed": entry.files[path] == nil,
            ]
        }
        return pages.page(
            "author_diff", title: pages.text("author_history", context),
            data: [
                "slug": slug, "courseURL": SitePath.authorCourse(slug), "version": entry.contentVersion,
                "who": entry.publisherName, "when": DateText.short(entry.publishedAt, context.language),
                "changes": changes, "restoreURL": SitePath.authorCourse(slug) + "/history/\(entry.id)/restore",
            ], request: request, context: context)
    }

    /// Publishes an earlier version again, as a new version.
    @Sendable func restore(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try context.require(.trainer)
        let slug = try slug(context)
        guard let id = context.parameters.get("id", as: Int64.self) else { throw AppError.notFound }
        guard try await FormBody.decode(ConfirmForm.self, from: request, context: context).confirmed else {
            throw AppError(.badRequest, "confirm_required")
        }
        do {
            try await publisher.restore(slug, id: id, by: user)
        } catch let error as AuthoringError {
            throw error.appError
        }
        return .redirect(to: SitePath.authorCourse(slug) + "?done=restored", type: .normal)
    }

    /// The published course folder as a ZIP.
    @Sendable func export(_ request: Request, context: AppRequestContext) async throws -> Response {
        try context.require(.trainer)
        let slug = try slug(context)
        let folder = drafts.published(slug)
        let data = try await NIOThreadPoolRunner.run { try CourseZip.export(folder: folder, slug: slug) }
        return Response(
            status: .ok,
            headers: [.contentType: "application/zip", .contentDisposition: "attachment; filename=\"\(slug).zip\""],
            body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// A ZIP of a course folder becomes that course's draft, if every entry is safe and the course is valid.
    @Sendable func importZip(_ request: Request, context: AppRequestContext) async throws -> Response {
        try context.require(.trainer)
        var request = request
        let body = Array(buffer: try await request.collectBody(upTo: context.bodyLimit))
        guard let type = request.headers[.contentType], let form = MultipartForm(contentType: type, body: body),
            let file = form.file("file"), !file.body.isEmpty
        else { throw AuthoringError.badZip("not_zip").appError }
        do {
            let (zip, drafts, replacing) = (Data(file.body), drafts, form.field("replace") != nil)
            let slug = try await NIOThreadPoolRunner.run {
                try CourseZip.importDraft(zip, into: drafts, replacingDraft: replacing)
            }
            return .redirect(to: SitePath.authorCourse(slug) + "?done=imported", type: .normal)
        } catch let AuthoringError.invalid(problems) {
            return pages.page(
                "author_index", title: pages.text("author_title", context),
                data: ["importProblems": problems.map(\.description)], request: request, context: context,
                status: .unprocessableContent)
        } catch let error as AuthoringError {
            throw error.appError
        }
    }
}
