/// One row of a grouped completion report: a district, or a commune of a district.
public struct CompletionRow: Sendable, Equatable {
    public var district: String
    /// nil when the report is grouped by district.
    public var commune: String?
    public var counts: CompletionCounts
}
