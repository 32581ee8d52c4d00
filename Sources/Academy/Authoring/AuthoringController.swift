import Foundation
import Hummingbird

/// Course authoring in the browser, for trainers and admins: create a course, edit its settings and modules,
/// publish, see and restore history, export and import ZIPs. Lessons and quizzes have their own editors.
struct AuthoringController {
    let drafts: DraftStore
    let publisher: Publisher
    let catalog: CourseCatalog
    let pages: PageRenderer

    var endpoints: RouteCollection<AppRequestContext> {
        let routes = RouteCollection(context: AppRequestContext.self)
        routes.add(middleware: RequireRole(.trainer))
        routes.get(RouterPath(SitePath.author), use: index)
        routes.post("/author/courses", use: create)
        routes.get("/author/courses/:slug", use: overview)
        routes.post("/author/courses/:slug/settings", use: settings)
        routes.post("/author/courses/:slug/modules", use: addModule)
        routes.post("/author/courses/:slug/modules/:module/move", use: moveModule)
        routes.post("/author/courses/:slug/modules/:module/remove", use: removeModule)
        routes.post("/author/courses/:slug/publish", use: publish)
        routes.post("/author/courses/:slug/discard", use: discard)
        routes.get("/author/courses/:slug/history", use: history)
        routes.get("/author/courses/:slug/history/:id", use: historyEntry)
        routes.post("/author/courses/:slug/history/:id/restore", use: restore)
        routes.get("/author/courses/:slug/export", use: export)
        routes.post("/author/import", use: importZip)
        return routes
    }

    func slug(_ context: AppRequestContext) throws -> String {
        let slug = context.parameters.get("slug") ?? ""
        guard CourseLoader.isSlug(slug),
            drafts.hasDraft(slug) || catalog.snapshot.course(slug) != nil
                || drafts.isPublished(slug)
        else { throw AppError(.notFound, "course_not_found", slug) }
        return slug
    }

    /// Every course, with whether it has unpublished changes; forms to create or import one.
    @Sendable func index(_ request: Request, context: AppRequestContext) async throws -> Response {
        pages.render(indexPage(context), request: request, context: context)
    }

    func indexPage(_ context: AppRequestContext, newCourse: AuthorIndexPage.NewCourse = .init()) -> AuthorIndexPage {
        let snapshot = catalog.snapshot
        var slugs = Set(snapshot.courses.map(\.slug)).union(drafts.draftSlugs()).union(snapshot.failures.keys)
        slugs = slugs.filter(CourseLoader.isSlug)
        let courses = slugs.sorted().map { slug in
            AuthorIndexPage.CourseRow(
                slug: slug, url: SitePath.authorCourse(slug),
                title: snapshot.course(slug)?.title.text(context.language) ?? slug,
                published: snapshot.course(slug) != nil, draft: drafts.hasDraft(slug))
        }
        return AuthorIndexPage(
            courses: courses, newCourse: newCourse, strings: pages.strings, language: context.language)
    }

    /// Creates a new course as a draft with its first module (an empty lesson to write). Its code is the one typed
    /// or else made from the title; a missing title or a bad or taken code brings the form back as typed, saying why.
    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form = try await FormBody.decode(NewCourseForm.self, from: request, context: context)
        let slug = Self.courseCode(form)
        if let refused = refusal(form, code: slug, context) {
            let page = indexPage(context, newCourse: refused.form)
            return pages.render(page, request: request, context: context, status: refused.status)
        }
        let titleVI = (form.titleVI ?? "").precomposedStringWithCanonicalMapping
        let moduleTitle = form.moduleTitle.flatMap { $0.isEmpty ? nil : $0 } ?? titleVI
        let document = CourseDocument(
            title: .init(vi: titleVI, en: form.titleEN),
            summary: form.summaryVI.map { .init(vi: $0, en: form.summaryEN) },
            language: form.language == "en" ? "en" : "vi", version: "1", open: true,
            modules: [.init(slug: "bai-1", title: .init(vi: moduleTitle), lesson: "lessons/01-bai-1.md", quiz: nil)],
            certificate: nil)
        let folder = drafts.draft(slug)
        try FileManager.default.createDirectory(atPath: folder + "/lessons", withIntermediateDirectories: true)
        try Folder.writeAtomically(Data(try document.yaml().utf8), to: folder + "/course.yaml")
        try Folder.writeAtomically(Data(), to: folder + "/lessons/01-bai-1.md")
        return .redirect(to: SitePath.authorCourse(slug), type: .normal)
    }

    /// Publishes the draft as a new content version.
    @Sendable func publish(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try context.requireSignedIn()
        let slug = try slug(context)
        let form = try await FormBody.decode(PublishForm.self, from: request, context: context)
        try await publisher.publish(slug, by: user.user, note: String((form.note ?? "").prefix(200)))
        context.logger.notice("course \(slug) published by user \(user.id)")
        return .redirect(to: SitePath.authorCourse(slug) + "?done=published", type: .normal)
    }

    /// Throws the draft away.
    @Sendable func discard(_ request: Request, context: AppRequestContext) async throws -> Response {
        let slug = try slug(context)
        guard try await FormBody.decode(ConfirmForm.self, from: request, context: context).confirmed else {
            throw AppError(.badRequest, "confirm_required")
        }
        try drafts.discard(slug)
        // A course that was never published has nothing left to show: back to the list, not to a page that is gone.
        let back = drafts.isPublished(slug) ? SitePath.authorCourse(slug) : SitePath.author
        return .redirect(to: back + "?done=discarded", type: .normal)
    }
}
