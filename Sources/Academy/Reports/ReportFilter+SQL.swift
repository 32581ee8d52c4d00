import GRDB

extension ReportFilter {
    /// SQL conditions on `enrollment e` joined with `user u`, and their named arguments (`:start`, `:end`,
    /// `:district`, `:commune`, `:g0`…). The period applies to when people were enrolled; a group is the communes
    /// `groups` puts in it, and the people of no group are those of every other commune.
    func sqlConditions(_ groups: ReportGroups)
        -> (conditions: [String], arguments: [String: (any DatabaseValueConvertible)?])
    {
        var conditions: [String] = []
        var arguments: [String: (any DatabaseValueConvertible)?] = [:]
        if let start = period.start {
            conditions.append("e.enrolled_at >= :start")
            arguments["start"] = start
        }
        if let end = period.end {
            conditions.append("e.enrolled_at < :end")
            arguments["end"] = end
        }
        if !group.isEmpty {
            let names = groups.communes(in: group)
            for (index, name) in names.enumerated() { arguments["g\(index)"] = name }
            let list = names.indices.map { ":g\($0)" }.joined(separator: ", ")
            conditions.append("u.commune \(group == ReportGroups.none ? "NOT IN" : "IN") (\(list))")
        }
        if !district.isEmpty {
            conditions.append("u.district = :district")
            arguments["district"] = district
        }
        if !commune.isEmpty {
            conditions.append("u.commune = :commune")
            arguments["commune"] = commune
        }
        return (conditions, arguments)
    }
}
