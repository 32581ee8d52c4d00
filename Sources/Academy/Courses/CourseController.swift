import Foundation
import Hummingbird

/// The learner-facing course pages: the catalogue, a course, a module's lesson, and lesson images.
struct CourseController {
    let catalog: CourseCatalog
    let pages: PageRenderer
    let enrollments: EnrollmentStore
    let progress: ProgressService
    let dashboard: Dashboard

    var endpoints: RouteCollection<AppRequestContext> {
        let routes = RouteCollection(context: AppRequestContext.self)
        routes.get(RouterPath(SitePath.home), use: catalogue)
        routes.get(SitePath.Pattern.course, use: course)
        routes.get(SitePath.Pattern.module, use: module)
        routes.get(SitePath.Pattern.media, use: media)
        return routes
    }

    /// `/`: every published course.
    @Sendable func catalogue(_ request: Request, context: AppRequestContext) async throws -> Response {
        let language = context.language
        let courses: [[String: Any]] = catalog.snapshot.courses.map { course in
            [
                "url": SitePath.course(course.slug),
                "title": course.title.text(language),
                "summary": course.summary.text(language),
                "version": course.version,
                "moduleCount": pages.text("course_module_count", context, String(course.modules.count)),
            ]
        }
        var data: [String: Any] = ["courses": courses]
        if let user = context.user, let id = user.id {
            let mine = try await progress.progress(userID: id, catalog: catalog.snapshot).map {
                ProgressView.card($0, language: language, pages: pages, context: context)
            }
            data["mine"] = mine
            data["hasMine"] = !mine.isEmpty
            data["welcome"] = pages.text("home_welcome", context, user.fullName)
            data["changed"] = request.uri.queryParameters.get("changed") != nil
            data["dashboard"] = try await dashboard.data(catalog.snapshot, pages: pages, context: context)
        }
        return pages.page(
            "catalogue", title: pages.text("catalogue_title", context), data: data, request: request, context: context)
    }

    /// `/courses/{slug}`: the course's modules in order and what its certificate takes.
    @Sendable func course(_ request: Request, context: AppRequestContext) async throws -> Response {
        let course = try CourseRoutes.course(from: context, in: catalog.snapshot)
        let language = context.language
        let modules: [[String: Any]] = course.modules.map { module in
            [
                "url": SitePath.module(course.slug, module.slug),
                "title": module.title.text(language),
                "hasLesson": module.lessonHTML != nil,
                "quizURL": module.quiz == nil ? "" : SitePath.quiz(course.slug, module.slug),
            ]
        }
        var data: [String: Any] = [
            "title": course.title.text(language),
            "summary": course.summary.text(language),
            "version": course.version,
            // The content hash helps trainers; learners do not need it.
            "contentVersion": [.trainer, .admin].contains(context.user?.role) ? course.contentVersion : "",
            "modules": modules,
            "firstURL": course.modules.first.map { SitePath.module(course.slug, $0.slug) } as Any,
        ]
        if let user = context.user, let id = user.id {
            if try await enrollments.isEnrolled(userID: id, course: course.slug),
                let mine = try await progress.progress(userID: id, catalog: catalog.snapshot)
                    .first(where: { $0.course.slug == course.slug })
            {
                data["progress"] = ProgressView.card(mine, language: language, pages: pages, context: context)
            } else if course.isOpen || user.role != .learner {
                data["enrollURL"] = SitePath.enroll(course.slug)
            }
        } else {
            data["signInURL"] = SitePath.login + "?next=" + SitePath.course(course.slug)
        }
        if let certificate = course.certificate {
            data["certificate"] = [
                "title": certificate.title.text(language),
                "description": certificate.description.text(language),
                "requires": certificate.requires.compactMap { course.module($0)?.title.text(language) }
                    .joined(separator: ", "),
            ]
        }
        return pages.page("course", title: course.title.text(language), data: data, request: request, context: context)
    }

    /// `/courses/{slug}/{module}`: the lesson, with previous and next links; for a test-only module, what the
    /// test asks.
    @Sendable func module(_ request: Request, context: AppRequestContext) async throws -> Response {
        let snapshot = catalog.snapshot
        let course = try CourseRoutes.course(from: context, in: snapshot)
        let (module, index) = try CourseRoutes.module(from: context, in: course)
        let language = context.language
        if let id = context.user?.id {
            try await enrollments.recordLessonViewIfEnrolled(userID: id, course: course.slug, module: module.slug)
        }
        // The lesson's part of the page is the same for everyone: rendered once per content version and language.
        let key = "lesson\u{1F}\(course.slug)\u{1F}\(course.contentVersion)\u{1F}\(module.slug)"
        return pages.page("lesson", title: module.title.text(language), cachedAs: key, request: request, context: context) {
            lessonData(course, module, index, context)
        }
    }

    /// What the lesson template shows: nothing in it depends on who is reading.
    func lessonData(_ course: Course, _ module: CourseModule, _ index: Int, _ context: AppRequestContext) -> [String: Any] {
        let language = context.language
        var data: [String: Any] = [
            "courseURL": SitePath.course(course.slug),
            "courseTitle": course.title.text(language),
            "title": module.title.text(language),
            "partLabel": pages.text("module_number", context, String(index + 1)),
            "html": module.lessonHTML ?? "",
            "contentLang": course.language.rawValue,
        ]
        if let quiz = module.quiz {
            data["quizURL"] = SitePath.quiz(course.slug, module.slug)
            data["quizFacts"] = QuizFacts.describe(quiz, pages: pages, context: context)
        }
        if index > 0 {
            let previous = course.modules[index - 1]
            data["previousURL"] = SitePath.module(course.slug, previous.slug)
            data["previousTitle"] = previous.title.text(language)
        }
        if index + 1 < course.modules.count {
            let next = course.modules[index + 1]
            data["nextURL"] = SitePath.module(course.slug, next.slug)
            data["nextTitle"] = next.title.text(language)
        }
        return data
    }

    /// `/courses/{slug}/media/{file}`: an image of the course, only if it is listed in the course's media folder.
    @Sendable func media(_ request: Request, context: AppRequestContext) async throws -> Response {
        let course = try CourseRoutes.course(from: context, in: catalog.snapshot)
        guard let name = context.parameters.get("file"), let path = course.media[name],
            let data = FileManager.default.contents(atPath: path)
        else { throw AppError.notFound }
        var headers = HTTPFields()
        headers[.contentType] = StaticFiles.contentType(for: (name as NSString).pathExtension)
        headers[.cacheControl] = "public, max-age=86400"
        headers[.eTag] = "\"\(course.contentVersion)\""
        // An SVG could carry script: never let the browser run it as a page of ours.
        headers[.contentSecurityPolicy] = "default-src 'none'; style-src 'unsafe-inline'; sandbox"
        if request.headers[.ifNoneMatch] == headers[.eTag] { return Response(status: .notModified, headers: headers) }
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}

/// Finding the course and module a route names, with the error a person understands when there is none.
enum CourseRoutes {
    static func course(from context: AppRequestContext, in snapshot: CourseCatalog.Snapshot) throws -> Course {
        let slug = context.parameters.get("slug") ?? ""
        guard let course = snapshot.course(slug) else { throw AppError(.notFound, "course_not_found", slug) }
        return course
    }

    static func module(from context: AppRequestContext, in course: Course) throws -> (CourseModule, Int) {
        let slug = context.parameters.get("module") ?? ""
        guard let index = course.moduleIndex(slug) else { throw AppError(.notFound, "module_not_found", slug) }
        return (course.modules[index], index)
    }
}
