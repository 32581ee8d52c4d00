import Foundation
import GRDB

/// `academy places remap MAPPING.csv`: moves the people of merged units to the new unit, in one transaction,
/// with an audit entry per mapping line. Columns: `old_commune,new_unit`, and optionally `district` to move only
/// the people of one former district (two old units may share a name).
///
/// Certificates do not change: neither the signed credential nor the certificate row holds the holder's commune,
/// so a certificate's pages show the same after a remap (tested).
public struct PlaceRemap: Sendable {
    let database: AppDatabase
    let places: PlaceList

    public init(database: AppDatabase, places: PlaceList) {
        self.database = database
        self.places = places
    }

    /// One line of the mapping and the people it moves.
    public struct Move: Sendable, Equatable {
        public var line: Int
        public var from: String
        public var district: String
        public var to: String
        public var usernames: [String]

        /// "Xã Khâu Tinh (Na Hang) → Yên Hoa".
        public var description: String { "\(from)\(district.isEmpty ? "" : " (\(district))") → \(to)" }
    }

    /// Reads and checks the mapping, finds the people, and (unless `dryRun`) moves them. Throws the first problem.
    public func run(_ bytes: [UInt8], path: String, dryRun: Bool, actor: AuditActor = .commandLine) async throws
        -> [Move]
    {
        var moves = try read(bytes, path: path)
        let people = try await database.writer.read { db in
            try Row.fetchAll(db, sql: "SELECT id, username, district, commune FROM user ORDER BY username")
                .map {
                    (
                        id: $0["id"] as Int64, username: $0["username"] as String, district: $0["district"] as String,
                        commune: $0["commune"] as String
                    )
                }
        }
        var ids: [[Int64]] = []
        for index in moves.indices {
            let from = moves[index].from.lowercased()
            let district = PlaceName.withoutDistrictWord(moves[index].district).lowercased()
            let found = people.filter { person in
                Text.clean(person.commune).lowercased() == from
                    && (district.isEmpty || PlaceName.withoutDistrictWord(person.district).lowercased() == district)
            }
            moves[index].usernames = found.map(\.username)
            ids.append(found.map(\.id))
        }
        guard !dryRun else { return moves }
        let now = Date()
        let frozen = moves
        let frozenIDs = ids
        try await database.writer.write { db in
            for (move, ids) in zip(frozen, frozenIDs) where !ids.isEmpty {
                for chunk in stride(from: 0, to: ids.count, by: 500) {
                    let part = Array(ids[chunk..<min(chunk + 500, ids.count)])
                    try db.execute(
                        sql: """
                            UPDATE user SET commune = ?, updated_at = ?
                            WHERE id IN (\(part.map { _ in "?" }.joined(separator: ",")))
                            """,
                        arguments: StatementArguments([move.to, now] as [any DatabaseValueConvertible])
                            + StatementArguments(part))
                }
                try AuditLog.record(
                    db, .placesRemapped, actor: actor, target: move.description,
                    detail: "\(ids.count) people: " + move.usernames.joined(separator: ", "), at: now)
            }
        }
        return moves
    }

    /// The mapping's lines, each checked: both names present, the new unit on the place list (when there is
    /// one), no old commune mapped twice.
    func read(_ bytes: [UInt8], path: String) throws -> [Move] {
        func fail(_ line: Int, _ message: String) -> PlaceListError {
            PlaceListError(path: path, line: line, message: message)
        }
        let table: CSVTable
        do {
            table = try CSVTable(bytes: PlaceListReader.withoutComments(bytes))
        } catch {
            throw fail(error.line, "a quote (\") opened on this line is never closed")
        }
        guard let header = table.records.first else { throw fail(1, "the file is empty") }
        let names = header.fields.map { Text.clean($0 ?? "").lowercased() }
        guard let fromColumn = names.firstIndex(of: "old_commune"), let toColumn = names.firstIndex(of: "new_unit"),
            Set(names).isSubset(of: ["old_commune", "new_unit", "district"]), Set(names).count == names.count
        else {
            throw fail(header.line, "the header must be old_commune,new_unit (and optionally district)")
        }
        let districtColumn = names.firstIndex(of: "district")
        var moves: [Move] = []
        var seen: [String: Int] = [:]
        for record in table.records.dropFirst() {
            guard !record.hasInvalidUTF8 else {
                throw fail(record.line, "the line is not UTF-8 text; save it as UTF-8")
            }
            guard record.fields.count == names.count else {
                throw fail(record.line, "the line has \(record.fields.count) columns, the header \(names.count)")
            }
            let from = Text.clean(record.fields[fromColumn] ?? "")
            let written = Text.clean(record.fields[toColumn] ?? "")
            let district = districtColumn.map { Text.clean(record.fields[$0] ?? "") } ?? ""
            guard !from.isEmpty else { throw fail(record.line, "the old commune is empty") }
            guard !written.isEmpty else { throw fail(record.line, "the new unit is empty") }
            var to = written
            if !places.isEmpty {
                guard let place = places.place(named: written) else {
                    let suggestions = places.suggestions(for: written)
                    throw fail(
                        record.line,
                        "'\(written)' is not a unit of the place list"
                            + (suggestions.isEmpty ? "" : "; did you mean \(suggestions.joined(separator: ", "))?"))
                }
                to = place.name
            }
            let key = "\(from.lowercased())|\(PlaceName.withoutDistrictWord(district).lowercased())"
            if let first = seen[key] { throw fail(record.line, "'\(from)' is already mapped on line \(first)") }
            seen[key] = record.line
            moves.append(Move(line: record.line, from: from, district: district, to: to, usernames: []))
        }
        return moves
    }
}
