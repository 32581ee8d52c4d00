import Foundation
import HTTPTypes
import Hummingbird

/// The learner-facing course pages: the catalogue, a course, a module's lesson, and lesson images.
struct CourseController {
    let catalog: CourseCatalog
    let pages: PageRenderer
    let enrollments: EnrollmentStore
    let progress: ProgressService
    let dashboard: Dashboard
    /// Issues the certificate a lesson read completes; nil in tests that issue none.
    var certificates: CertificateService? = nil
    /// Describes a course's stored copy for offline reading (issue 18); nil shows no offline box.
    var offline: OfflineCourses? = nil

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
        let strings = pages.strings
        let snapshot = catalog.snapshot
        var page = CataloguePage(
            title: strings.text("catalogue_title", language),
            courses: snapshot.courses.map { course in
                CataloguePage.CourseCard(
                    url: SitePath.course(course.slug), title: course.title.text(language),
                    summary: course.summary.text(language), version: course.version,
                    moduleCount: strings.text(
                        "course_module_count", language, [LocalText.count(course.modules.count, language)]))
            })
        if let user = context.signedIn {
            page.mine = try await progress.progress(userID: user.id, catalog: snapshot).map {
                ProgressCard($0, strings: strings, language: language)
            }
            page.welcome = strings.text("home_welcome", language, [user.fullName])
            page.changed = request.uri.queryParameters.get("changed") != nil
            page.dashboard = try await dashboard.panel(snapshot, role: user.role, strings: strings, language: language)
        }
        return pages.render(page, request: request, context: context)
    }

    /// `/courses/{slug}`: the course's modules in order and what its certificate takes.
    @Sendable func course(_ request: Request, context: AppRequestContext) async throws -> Response {
        let course = try CourseRoutes.course(from: context, in: catalog.snapshot)
        let language = context.language
        var page = CoursePage(
            title: course.title.text(language), summary: course.summary.text(language), version: course.version,
            contentVersion: [.trainer, .admin].contains(context.user?.role) ? course.contentVersion : nil,
            modules: course.modules.map { module in
                CoursePage.Module(
                    url: SitePath.module(course.slug, module.slug), title: module.title.text(language),
                    hasLesson: module.lessonHTML != nil,
                    quizURL: module.quiz == nil ? nil : SitePath.quiz(course.slug, module.slug))
            },
            firstURL: course.modules.first.map { SitePath.module(course.slug, $0.slug) },
            certificate: course.certificate.map { certificate in
                CoursePage.Certificate(
                    title: certificate.title.text(language), description: certificate.description.text(language),
                    requires: course.requiredQuizzes.compactMap { course.module($0)?.title.text(language) }
                        .joined(separator: ", "))
            })
        if let offline {
            page.offline = OfflineBox(
                slug: course.slug, manifestURL: SitePath.API.offlineCourse(course.slug),
                size: OfflineCourses.sizeText(
                    try await offline.bytes(course), strings: pages.strings, language: language))
        }
        if let user = context.signedIn {
            if try await enrollments.isEnrolled(userID: user.id, course: course.slug),
                let mine = try await progress.progress(userID: user.id, catalog: catalog.snapshot)
                    .first(where: { $0.course.slug == course.slug })
            {
                page.progress = ProgressCard(mine, strings: pages.strings, language: language)
                let code = try await certificates?.certificates(userID: user.id)
                    .first { $0.courseSlug == course.slug && !$0.isRevoked }?.code
                page.completion = CompletionNote(
                    course: course, read: mine.openedLessons, passed: Set(mine.quizzes.filter(\.passed).map(\.slug)),
                    certificateCode: code, strings: pages.strings, language: language)
            } else if course.isOpen || user.role != .learner {
                page.enrollURL = SitePath.enroll(course.slug)
            }
        } else {
            page.signInURL = SitePath.login + "?next=" + SitePath.course(course.slug)
        }
        return pages.render(page, request: request, context: context)
    }

    // A constant, valid field name: the initialiser fails only for an invalid token.
    // swift-format-ignore: NeverForceUnwrap
    static let purpose = HTTPField.Name("Purpose")!

    /// `/courses/{slug}/{module}`: the lesson, with previous and next links; for a test-only module, what the
    /// test asks.
    @Sendable func module(_ request: Request, context: AppRequestContext) async throws -> Response {
        let snapshot = catalog.snapshot
        let course = try CourseRoutes.course(from: context, in: snapshot)
        let (module, index) = try CourseRoutes.module(from: context, in: course)
        // A device storing the course for offline reading (the service worker says `Purpose: prefetch`) is not
        // reading it: the lesson counts when the learner opens it (issue 18).
        if let id = context.signedIn?.id, request.headers[Self.purpose] != "prefetch" {
            // Reading the last required lesson after passing the final test completes the course (issue 15): the
            // check runs in the view's own (batched) transaction, the signing after its commit.
            let certificates = self.certificates
            let owed = try await enrollments.recordLessonViewIfEnrolled(
                userID: id, course: course.slug, module: module.slug
            ) { db in try certificates?.owedAfterLesson(db, userID: id, course: course, module: module.slug) }.owed
            if let owed { await certificates?.sign(owed: owed) }
        }
        // The lesson's part of the page is the same for everyone: rendered once per content version and language.
        let key = "\(course.slug)\u{1F}\(course.contentVersion)\u{1F}\(module.slug)"
        return pages.render(cachedAs: key, request: request, context: context) { language in
            Self.lessonPage(course, index, strings: pages.strings, language: language)
        }
    }

    /// The lesson page: made from the course and the language alone, as a shared page must be.
    static func lessonPage(_ course: Course, _ index: Int, strings: Strings, language: Language) -> LessonPage {
        let module = course.modules[index]
        let previous = index > 0 ? course.modules[index - 1] : nil
        let next = index + 1 < course.modules.count ? course.modules[index + 1] : nil
        return LessonPage(
            title: module.title.text(language), courseURL: SitePath.course(course.slug),
            courseTitle: course.title.text(language),
            partLabel: strings.text("module_number", language, [String(index + 1)]),
            html: module.lessonHTML ?? "", contentLang: course.language.rawValue,
            quizURL: module.quiz.map { _ in SitePath.quiz(course.slug, module.slug) },
            quizFacts: module.quiz.map { QuizFacts.describe($0, strings: strings, language: language) } ?? [],
            previousURL: previous.map { SitePath.module(course.slug, $0.slug) },
            previousTitle: previous?.title.text(language),
            nextURL: next.map { SitePath.module(course.slug, $0.slug) }, nextTitle: next?.title.text(language))
    }

    /// `/courses/{slug}/media/{file}`: an image of the course, only if it is listed in the course's media folder.
    @Sendable func media(_ request: Request, context: AppRequestContext) async throws -> Response {
        let course = try CourseRoutes.course(from: context, in: catalog.snapshot)
        guard let name = context.parameters.get("file"), let path = course.media[name] else { throw AppError.notFound }
        let tag = "\"\(course.contentVersion)\""
        if request.headers[.ifNoneMatch] == tag {
            return Response(status: .notModified, headers: [.eTag: tag, .cacheControl: "public, max-age=86400"])
        }
        // A file read waits on the disk: never on the event loop.
        guard let data = try await Blocking.run({ FileManager.default.contents(atPath: path) }) else {
            throw AppError.notFound
        }
        var headers = HTTPFields()
        headers[.contentType] = StaticFiles.contentType(for: (name as NSString).pathExtension)
        headers[.cacheControl] = "public, max-age=86400"
        headers[.eTag] = tag
        // An SVG could carry script: never let the browser run it as a page of ours.
        headers[.contentSecurityPolicy] = "default-src 'none'; style-src 'unsafe-inline'; sandbox"
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
