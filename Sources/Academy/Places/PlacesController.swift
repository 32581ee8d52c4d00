import Foundation
import GRDB
import Hummingbird

/// `/admin/places`: the place list for admins, unit by unit with how many people each has, and the communes people
/// have that the list does not name (to remap).
struct PlacesController {
    let places: PlaceList
    let database: AppDatabase
    let pages: PageRenderer

    var endpoints: RouteCollection<AppRequestContext> {
        let routes = RouteCollection(context: AppRequestContext.self)
        routes.add(middleware: RequireRole(.admin))
        routes.get(RouterPath(SitePath.adminPlaces), use: list)
        return routes
    }

    /// Every unit, grouped, with its people; then the communes outside the list.
    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let counts = try await peoplePerCommune()
        let page = PlacesPage(places, people: counts, strings: pages.strings, language: context.language)
        return pages.render(page, request: request, context: context)
    }

    /// Active and inactive people alike, per commune as stored.
    func peoplePerCommune() async throws -> [String: Int] {
        try await database.writer.read { db in
            var counts: [String: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT commune, COUNT(*) AS n FROM user GROUP BY commune") {
                counts[row["commune"] as String] = row["n"] as Int
            }
            return counts
        }
    }
}
