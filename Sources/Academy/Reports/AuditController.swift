import Foundation
import Hummingbird

/// `/admin/audit`: the audit log for admins, newest first, filtered by action, actor and days, 50 to a page.
struct AuditController {
    let audit: AuditLog
    let pages: PageRenderer

    var endpoints: RouteCollection<AppRequestContext> {
        let routes = RouteCollection(context: AppRequestContext.self)
        routes.add(middleware: RequireRole(.admin))
        routes.get(RouterPath(SitePath.audit), use: list)
        return routes
    }

    /// The filtered entries with links to older and newer pages.
    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let query = try ReportQuery(request)
        let filter = try AuditFilter(query: query)
        let number = try ReportPaging.pageNumber(query)
        let found = try await audit.entries(filter, page: number)
        let page = Self.page(found, filter: filter, page: number, strings: pages.strings, language: context.language)
        return pages.render(page, request: request, context: context)
    }

    /// Page `page` of the entries `filter` found.
    static func page(_ found: AuditEntry.Page, filter: AuditFilter, page: Int, strings: Strings, language: Language)
        -> AuditPage
    {
        let keep = [
            ("action", filter.action?.rawValue ?? ""), ("actor", filter.actor), ("from", filter.period.from),
            ("to", filter.period.to),
        ]
        return AuditPage(
            title: strings.text("audit_title", language),
            actions: AuditAction.allCases.map {
                AuditPage.Action(
                    value: $0.rawValue, label: strings.text("audit_action_\($0.rawValue)", language),
                    selected: $0 == filter.action)
            },
            actor: filter.actor, from: filter.period.from, to: filter.period.to,
            entries: found.entries.map { entry($0, strings: strings, language: language) },
            newer: page > 1 ? ReportLink.url(SitePath.audit, keep + [("page", String(page - 1))]) : nil,
            older: found.hasMore ? ReportLink.url(SitePath.audit, keep + [("page", String(page + 1))]) : nil,
            pageLabel: strings.text("audit_page", language, [LocalText.count(page, language)]))
    }

    static func entry(_ entry: AuditEntry, strings: Strings, language: Language) -> AuditPage.Entry {
        let actor: String
        switch (entry.actorId, entry.actorName) {
        case (nil, AuditActor.system.name): actor = strings.text("audit_system", language)
        case (nil, AuditActor.commandLine.name): actor = strings.text("audit_command_line", language)
        case (nil, ""): actor = strings.text("audit_anonymous", language)
        default: actor = entry.actorName
        }
        let known = AuditAction(rawValue: entry.action) != nil
        return AuditPage.Entry(
            when: LocalText.dateTime(entry.at, language), iso: Timestamp.text(entry.at), actor: actor,
            action: known ? strings.text("audit_action_\(entry.action)", language) : entry.action,
            target: entry.target, detail: entry.detail, address: entry.address)
    }
}
