import Hummingbird

/// The two addresses of offline reading (issue 18): the page the service worker shows for anything not stored
/// on the device, and what a course's stored copy consists of.
struct OfflineController {
    let catalog: CourseCatalog
    let pages: PageRenderer
    let courses: OfflineCourses

    var endpoints: RouteCollection<AppRequestContext> {
        let routes = RouteCollection(context: AppRequestContext.self)
        routes.get(RouterPath(SitePath.offline), use: page)
        return routes
    }

    /// Under `/api/v1`.
    var apiEndpoints: RouteCollection<AppRequestContext> {
        let routes = RouteCollection(context: AppRequestContext.self)
        routes.get("/courses/:slug/offline", use: manifest)
        return routes
    }

    /// `/offline`: "you are offline", and the list of what this device stores (filled in by `offline.js` from the
    /// device's own store: the server cannot know it). The same for every reader of a language.
    @Sendable func page(_ request: Request, context: AppRequestContext) async throws -> Response {
        pages.render(cachedAs: "offline", request: request, context: context) { language in
            OfflinePage(title: pages.strings.text("offline_page_title", language))
        }
    }

    /// `GET /api/v1/courses/{slug}/offline`: the pages, images and shell of the course's stored copy.
    @Sendable func manifest(_ request: Request, context: AppRequestContext) async throws -> Response {
        let course = try CourseRoutes.course(from: context, in: catalog.snapshot)
        var response = try await courses.manifest(course, language: context.language)
            .response(from: request, context: context)
        // A device asks again at each connection to learn of a new version: never from a cache.
        response.headers[.cacheControl] = "no-cache"
        return response
    }
}

/// `/offline`: shown by the service worker, in the reader's language, for a page that is not stored.
struct OfflinePage: SharedPage {
    static let template = "offline"
    let title: String
}
