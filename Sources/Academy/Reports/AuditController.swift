import Foundation
import Hummingbird

/// `/admin/audit`: the audit log for admins, newest first, filtered by action, actor and days, 50 to a page.
struct AuditController {
    let audit: AuditLog
    let pages: PageRenderer

    var endpoints: RouteCollection<AppRequestContext> {
        let routes = RouteCollection(context: AppRequestContext.self)
        routes.get(RouterPath(SitePath.audit), use: list)
        return routes
    }

    /// The filtered entries with links to older and newer pages.
    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        try context.require(.admin)
        let query = try ReportQuery(request)
        let filter = try AuditFilter(query: query)
        let page = try ReportPaging.pageNumber(query)
        let found = try await audit.entries(filter, page: page)
        let dates = ReportDateText(context.language)
        let keep = [
            ("action", filter.action?.rawValue ?? ""), ("actor", filter.actor), ("from", filter.period.from),
            ("to", filter.period.to),
        ]
        let data: [String: Any] = [
            "actions": AuditAction.allCases.map {
                [
                    "value": $0.rawValue, "label": pages.text("audit_action_\($0.rawValue)", context),
                    "selected": $0 == filter.action,
                ]
            },
            "formAction": SitePath.audit, "actor": filter.actor, "from": filter.period.from, "to": filter.period.to,
            "entries": found.entries.map { row($0, dates, context) }, "empty": found.entries.isEmpty,
            "newer": TemplateValue.maybe(
                page > 1 ? ReportLink.url(SitePath.audit, keep + [("page", String(page - 1))]) : ""),
            "older": TemplateValue.maybe(
                found.hasMore ? ReportLink.url(SitePath.audit, keep + [("page", String(page + 1))]) : ""),
            "pageLabel": pages.text("audit_page", context, String(page)),
        ]
        return pages.page(
            "audit", title: pages.text("audit_title", context), data: data, request: request, context: context)
    }

    func row(_ entry: AuditEntry, _ dates: ReportDateText, _ context: AppRequestContext) -> [String: Any] {
        let actor: String
        switch (entry.actorId, entry.actorName) {
        case (nil, AuditActor.system.name): actor = pages.text("audit_system", context)
        case (nil, AuditActor.commandLine.name): actor = pages.text("audit_command_line", context)
        case (nil, ""): actor = pages.text("audit_anonymous", context)
        default: actor = entry.actorName
        }
        let known = AuditAction(rawValue: entry.action) != nil
        return [
            "when": dates.short(entry.at), "iso": dates.iso(entry.at),
            "actor": actor, "action": known ? pages.text("audit_action_\(entry.action)", context) : entry.action,
            "target": entry.target, "detail": entry.detail, "address": entry.address,
        ]
    }
}
