import Academy
import ArgumentParser
import Foundation
import Logging

/// The options every command shares: where the configuration, data and courses are.
struct CommonOptions: ParsableArguments {
    @Option(help: "Configuration file (default: Config/academy.yaml if present).")
    var config: String?
    @Option(help: "Data folder holding the database and keys (default: ./data).")
    var data: String?
    @Option(help: "Courses folder (default: ./Courses).")
    var courses: String?

    var flags: [String: String] {
        var flags: [String: String] = [:]
        if let config { flags["config"] = config }
        if let data { flags["data"] = data }
        if let courses { flags["courses"] = courses }
        return flags
    }

    /// Resolves the configuration, or stops with one clear line naming the bad key.
    func load(extra: [String: String] = [:]) throws -> AppConfig {
        do {
            return try ConfigLoader(flags: flags.merging(extra) { $1 }).load()
        } catch let error as ConfigError {
            throw ValidationError(error.description)
        }
    }
}

/// Log lines go to standard error at the configured level: readable text, or one JSON object per line
/// (`log_format: json`).
enum LogSetup {
    static func bootstrap(level: String, format: AppConfig.LogFormat = .text) -> Logger {
        let level = Logger.Level(rawValue: level) ?? .info
        LoggingSystem.bootstrap { label in
            switch format {
            case .json: return JSONLogHandler(label: label, level: level)
            case .text:
                var handler = StreamLogHandler.standardError(label: label)
                handler.logLevel = level
                return handler
            }
        }
        var logger = Logger(label: "academy")
        logger.logLevel = level
        return logger
    }
}
