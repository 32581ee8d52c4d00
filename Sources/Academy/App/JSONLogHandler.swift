import Foundation
import Logging

/// `log_format: json`: one JSON object per line, for a log collector (journald's JSON export, Loki, Elasticsearch).
/// Keys: `time` (ISO 8601 with milliseconds, UTC), `level`, `label`, `message`, `source`, then the metadata's
/// keys as they are (the request id is `hb.request.id`). Values are strings; nested metadata becomes JSON arrays
/// and objects. A line is written whole with one `write`, so lines from several threads never interleave.
public struct JSONLogHandler: LogHandler {
    public var logLevel: Logger.Level = .info
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?
    let label: String
    let write: @Sendable (Data) -> Void

    public init(label: String, level: Logger.Level, write: @escaping @Sendable (Data) -> Void = Self.standardError) {
        self.label = label
        self.logLevel = level
        self.write = write
    }

    /// Standard error, as the text format writes: systemd's journal takes both.
    public static let standardError: @Sendable (Data) -> Void = { data in FileHandle.standardError.write(data) }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var fields = metadata
        if let provided = metadataProvider?.get() { fields.merge(provided) { $1 } }
        if let extra = event.metadata { fields.merge(extra) { $1 } }
        var object: [String: Any] = [:]
        for (key, value) in fields { object[key] = Self.json(value) }
        object["time"] = Date().formatted(Self.time)
        object["level"] = event.level.rawValue
        object["label"] = label
        object["message"] = event.message.description
        object["source"] = event.source
        guard
            var line = try? JSONSerialization.data(
                withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
        else { return }
        line.append(0x0A)
        write(line)
    }

    static func json(_ value: Logger.Metadata.Value) -> Any {
        switch value {
        case .string(let text): text
        case .stringConvertible(let convertible): convertible.description
        case .array(let items): items.map(json)
        case .dictionary(let map): map.mapValues(json)
        }
    }

    static let time = Date.ISO8601FormatStyle(includingFractionalSeconds: true, timeZone: .gmt)
}
