/// What the admin's audit page is narrowed to: an action, part of the actor's name, a range of days.
public struct AuditFilter: Sendable, Equatable {
    public var action: AuditAction?
    public var actor: String
    public var period: ReportPeriod

    public init(action: AuditAction? = nil, actor: String = "", period: ReportPeriod = .all) {
        self.action = action
        self.actor = actor
        self.period = period
    }

    /// Reads `action`, `actor`, `from` and `to` from the query; an unknown action or a bad day is a 400.
    init(query: ReportQuery) throws(AppError) {
        let typed = query.action ?? ""
        guard typed.isEmpty || AuditAction(rawValue: typed) != nil else {
            throw AppError(.badRequest, "bad_filter", "action", typed)
        }
        self.init(
            action: AuditAction(rawValue: typed), actor: String((query.actor ?? "").prefix(100)),
            period: try ReportPeriod(from: query.from, to: query.to))
    }
}
