import GRDB

extension ReportFilter {
    /// SQL conditions on `enrollment e` joined with `user u`, and their named arguments (`:start`, `:end`,
    /// `:district`, `:commune`). The period applies to when people were enrolled.
    var sqlConditions: (conditions: [String], arguments: [String: (any DatabaseValueConvertible)?]) {
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
