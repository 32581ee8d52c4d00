import Foundation
import GRDB

/// The append-only record of security-relevant actions (issue 8). Entries are only ever inserted: the table's
/// triggers refuse any UPDATE or DELETE, and no code here offers either.
public struct AuditLog: Sendable {
    let database: AppDatabase

    public init(database: AppDatabase) { self.database = database }

    /// Longest stored target and detail: enough for a course slug or a reason, never a whole uploaded file.
    static let maxLength = 500

    /// Records an entry inside the caller's transaction, so the entry and the change it describes stand or fall
    /// together (certificate issue, key rotation).
    public static func record(
        _ db: Database, _ action: AuditAction, actor: AuditActor, target: String = "", detail: String = "",
        address: String? = nil, at: Date = Date()
    ) throws {
        var entry = AuditEntry(
            id: nil, at: at, actorId: actor.id, actorName: String(actor.name.prefix(200)), action: action.rawValue,
            target: String(target.prefix(maxLength)), detail: String(detail.prefix(maxLength)),
            address: address ?? "")
        try entry.insert(db)
    }

    /// Records an entry in its own transaction.
    public func record(
        _ action: AuditAction, actor: AuditActor, target: String = "", detail: String = "", address: String? = nil
    ) async throws {
        try await database.writer.write { db in
            try Self.record(db, action, actor: actor, target: target, detail: detail, address: address)
        }
    }

    /// Records what the signed-in person (or, for failed sign-ins, an anonymous caller) did in this request.
    func record(_ action: AuditAction, target: String = "", detail: String = "", context: AppRequestContext)
        async throws
    {
        let actor = context.user.map(AuditActor.init) ?? .anonymous
        try await record(action, actor: actor, target: target, detail: detail, address: context.remoteAddress)
    }

    /// Entries matching the filter, newest first, one page at a time; also whether an older page exists.
    public func entries(_ filter: AuditFilter, page: Int, perPage: Int = 50) async throws -> AuditEntry.Page {
        try await database.writer.read { db in
            var request = AuditEntry.all()
            if let action = filter.action { request = request.filter(AuditEntry.Columns.action == action.rawValue) }
            if !filter.actor.isEmpty {
                request = request.filter(
                    AuditEntry.Columns.actorName.like("%\(Self.escapeLike(filter.actor))%", escape: "\\"))
            }
            if let from = filter.period.start { request = request.filter(AuditEntry.Columns.at >= from) }
            if let end = filter.period.end { request = request.filter(AuditEntry.Columns.at < end) }
            let rows = try request.order(AuditEntry.Columns.at.desc, AuditEntry.Columns.id.desc)
                .limit(perPage + 1, offset: max(0, page - 1) * perPage).fetchAll(db)
            return AuditEntry.Page(entries: Array(rows.prefix(perPage)), hasMore: rows.count > perPage)
        }
    }

    /// `%`, `_` and `\` typed in a filter match themselves, not any text.
    static func escapeLike(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
            .replacingOccurrences(of: "_", with: "\\_")
    }
}

extension AuditEntry {
    /// One page of entries for the admin page.
    public struct Page: Sendable {
        public var entries: [AuditEntry]
        public var hasMore: Bool
    }
}
