import Foundation
import GRDB

/// `academy places import FILE`: checks a place list with the lists already in the places folder, says what
/// changes, and (unless a dry run) copies it there in NFC. The server reads the folder at start, so the folder
/// stays the one source of the list, diffable and reviewable like the courses.
public struct PlaceImport: Sendable {
    let database: AppDatabase
    let directory: String

    public init(database: AppDatabase, directory: String) {
        self.database = database
        self.directory = directory
    }

    /// What an import changes.
    public struct Report: Sendable, Equatable {
        public var target: String
        public var added: [String] = []
        public var removed: [String] = []
        public var changed: [String] = []
        /// Communes people have that the new list does not know, with how many people: remap them.
        public var unknownCommunes: [(commune: String, people: Int)] = []
        public var units = 0

        public static func == (lhs: Report, rhs: Report) -> Bool {
            lhs.target == rhs.target && lhs.added == rhs.added && lhs.removed == rhs.removed
                && lhs.changed == rhs.changed && lhs.units == rhs.units
                && lhs.unknownCommunes.map(\.commune) == rhs.unknownCommunes.map(\.commune)
        }

        /// The report as lines for the command line.
        public var lines: [String] {
            var lines = [
                "\(target): \(units) unit(s); \(added.count) added, \(removed.count) removed, "
                    + "\(changed.count) changed"
            ]
            lines +=
                added.map { "  added \($0)" } + removed.map { "  removed \($0)" } + changed.map { "  changed \($0)" }
            for (commune, people) in unknownCommunes {
                lines.append(
                    "  \(people) person(s) in '\(commune)', which the list does not name: academy places remap")
            }
            return lines
        }
    }

    /// Checks `bytes` (named `name`) and reports; writes it only when `dryRun` is false. Throws the first problem.
    public func run(_ bytes: [UInt8], name: String, dryRun: Bool) async throws -> Report {
        let fileName = (name as NSString).lastPathComponent
        let target = (directory as NSString).appendingPathComponent(fileName)
        let directory = self.directory
        let (old, new, text) = try await Blocking.run { () throws -> (PlaceList, PlaceList, String) in
            guard let text = String(validating: bytes, as: UTF8.self) else {
                // Found with its line by the reader.
                _ = try PlaceListReader.read(bytes, path: name)
                throw PlaceListError(path: name, line: 1, message: "the file is not UTF-8 text")
            }
            let old = try PlaceListReader.load(directory: directory)
            let others = old.places.filter { $0.source != target }
            let fresh = try PlaceListReader.read(bytes, path: name)
            let new = try PlaceList(checking: others + fresh)
            return (old, new, text.precomposedStringWithCanonicalMapping)
        }
        var report = Report(target: target, units: new.places.count)
        let before = Dictionary(old.places.map { ($0.name, $0) }) { first, _ in first }
        let after = Dictionary(new.places.map { ($0.name, $0) }) { first, _ in first }
        report.added = new.places.filter { before[$0.name] == nil }.map(\.fullName)
        report.removed = old.places.filter { after[$0.name] == nil }.map(\.fullName)
        report.changed = new.places.compactMap { place in
            guard let earlier = before[place.name] else { return nil }
            var same = place
            same.source = earlier.source
            same.line = earlier.line
            return same == earlier ? nil : place.fullName
        }
        let counts = try await database.writer.read { db in
            try Row.fetchAll(
                db,
                sql:
                    "SELECT commune, COUNT(*) AS people FROM user WHERE commune <> '' GROUP BY commune ORDER BY commune"
            )
            .map { ($0["commune"] as String, $0["people"] as Int) }
        }
        report.unknownCommunes = counts.filter { new.place(named: $0.0) == nil }.map { (commune: $0.0, people: $0.1) }
        if !dryRun {
            try await Blocking.run {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
                try Data(text.utf8).write(to: URL(fileURLWithPath: target), options: .atomic)
            }
            try await AuditLog(database: database).record(
                .placesImported, actor: .commandLine, target: target,
                detail: "\(report.units) units; \(report.added.count) added, \(report.removed.count) removed, "
                    + "\(report.changed.count) changed")
        }
        return report
    }
}
