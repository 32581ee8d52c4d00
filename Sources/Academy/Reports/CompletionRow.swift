/// One row of a grouped completion report: a group of the place list, or a commune.
public struct CompletionRow: Sendable, Equatable {
    /// The group the row is, or its commune's group; "" for no group (and at the deprecated district level).
    public var group: String
    /// The commune; nil at the group and district levels.
    public var commune: String?
    /// The imported district (history): only at the deprecated district level.
    public var district: String?
    public var counts: CompletionCounts

    public init(group: String = "", commune: String? = nil, district: String? = nil, counts: CompletionCounts) {
        self.group = group
        self.commune = commune
        self.district = district
        self.counts = counts
    }
}
