import Foundation
import Yams

/// Builds an `AppConfig` from the layers flags > environment > file > defaults.
public struct ConfigLoader: Sendable {
    /// Keys accepted in every layer; the environment variable is `ACADEMY_` + the key in capitals.
    public static let keys = [
        "host", "port", "data", "courses", "places", "public", "base_url", "log_level", "scrypt_log_n",
        "session_idle_minutes", "session_absolute_hours", "secure_cookies", "issuer_name",
        "parent_body", "document_place", "signer_title", "signer_name", "register_suffix",
        "lookup_limit_per_minute", "idle_timeout_seconds", "body_timeout_seconds", "max_connections",
        "sqlite_synchronous", "trusted_proxies", "metrics_allow", "log_format", "litestream",
    ]
    public static let defaultConfigFile = "Config/academy.yaml"

    public var environment: [String: String]
    public var flags: [String: String]

    public init(environment: [String: String] = ProcessInfo.processInfo.environment, flags: [String: String] = [:]) {
        self.environment = environment
        self.flags = flags
    }

    /// Reads every layer and returns the resolved configuration, or the first bad value as a `ConfigError`.
    public func load() throws -> AppConfig {
        var config = AppConfig()
        let (file, explicit) = configFilePath()
        if let values = try readFile(file, required: explicit) {
            try apply(values, source: file, to: &config)
        }
        var env: [String: String] = [:]
        for key in Self.keys {
            if let value = environment["ACADEMY_" + key.uppercased()] { env[key] = value }
        }
        try apply(env, source: "environment", to: &config)
        try apply(flags, source: "command line", to: &config)
        // A site reached over https never sends its cookies over plain http, whatever `secure_cookies` says.
        if config.baseURL?.lowercased().hasPrefix("https://") == true { config.secureCookies = true }
        return config
    }

    private func configFilePath() -> (String, Bool) {
        if let flag = flags["config"] { return (flag, true) }
        if let env = environment["ACADEMY_CONFIG"] { return (env, true) }
        return (Self.defaultConfigFile, false)
    }

    private func readFile(_ path: String, required: Bool) throws -> [String: String]? {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            if required { throw ConfigError(key: "config", source: path, message: "the file cannot be read") }
            return nil
        }
        // The composed node tree (typed), as course files are read: every value is text, checked by `apply`.
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch {
            throw ConfigError(key: "config", source: path, message: "not valid YAML: \(error)")
        }
        guard let node else { return [:] }
        guard let map = node.mapping else {
            throw ConfigError(key: "config", source: path, message: "expected key: value lines at the top level")
        }
        var values: [String: String] = [:]
        for (keyNode, value) in map {
            let key = keyNode.string ?? ""
            guard Self.keys.contains(key) else {
                throw ConfigError(
                    key: key, source: path, message: "unknown key; known keys: \(Self.keys.joined(separator: ", "))")
            }
            if value.null != nil {
                continue  // `key:` with no value (or `~`): the setting is left out
            } else if let scalar = value.scalar {
                values[key] = scalar.string
            } else if let list = value.sequence, let items = Optional(list.compactMap(\.scalar?.string)),
                items.count == list.count
            {
                // A YAML list (`trusted_proxies: [10.0.0.1, fd00::/8]`) reads like the comma-separated form.
                values[key] = items.joined(separator: ",")
            } else {
                throw ConfigError(key: key, source: path, message: "expected a single value or a list of values")
            }
        }
        return values
    }

    private func apply(_ values: [String: String], source: String, to config: inout AppConfig) throws {
        for key in Self.keys {
            guard let raw = values[key] else { continue }
            let value = raw.trimmingCharacters(in: .whitespaces)
            func fail(_ message: String) -> ConfigError { ConfigError(key: key, source: source, message: message) }
            func int(_ range: ClosedRange<Int>) throws -> Int {
                guard let number = Int(value), range.contains(number) else {
                    throw fail("'\(value)' is not a whole number from \(range.lowerBound) to \(range.upperBound)")
                }
                return number
            }
            func bool() throws -> Bool {
                switch value.lowercased() {
                // YAML 1.1's spellings too, which the file's reader once turned into true and false itself.
                case "true", "yes", "on", "1": return true
                case "false", "no", "off", "0": return false
                default: throw fail("'\(value)' is not true or false")
                }
            }
            func ranges() throws -> [IPRange] {
                try value.split(separator: ",").map { item in
                    let text = item.trimmingCharacters(in: .whitespaces)
                    guard let range = IPRange(text) else {
                        throw fail(
                            "'\(text)' is not an IP address or CIDR range (like 10.0.0.1, 10.0.0.0/8 or fd00::/8)")
                    }
                    return range
                }
            }
            func nonEmpty() throws -> String {
                guard !value.isEmpty else { throw fail("must not be empty") }
                return value
            }
            switch key {
            case "host": config.host = try nonEmpty()
            case "port": config.port = try int(1...65535)
            case "data": config.dataDirectory = try nonEmpty()
            case "courses": config.coursesDirectory = try nonEmpty()
            case "places": config.placesDirectory = try nonEmpty()
            case "public": config.publicDirectory = try nonEmpty()
            case "base_url":
                guard let url = URL(string: value), ["http", "https"].contains(url.scheme ?? ""), url.host != nil
                else { throw fail("'\(value)' is not an http:// or https:// address") }
                config.baseURL = value
            case "log_level":
                let levels = ["trace", "debug", "info", "notice", "warning", "error", "critical"]
                guard levels.contains(value) else {
                    throw fail("'\(value)' is not one of \(levels.joined(separator: ", "))")
                }
                config.logLevel = value
            case "scrypt_log_n": config.scryptLogN = try int(10...22)
            case "session_idle_minutes": config.sessionIdleMinutes = try int(1...100_000)
            case "session_absolute_hours": config.sessionAbsoluteHours = try int(1...100_000)
            case "secure_cookies": config.secureCookies = try bool()
            case "issuer_name": config.issuerName = try nonEmpty()
            case "parent_body": config.parentBody = Text.clean(value)
            case "document_place": config.documentPlace = Text.clean(try nonEmpty())
            case "signer_title": config.signerTitle = Text.clean(try nonEmpty())
            case "signer_name": config.signerName = Text.clean(value)
            case "register_suffix":
                guard value.count <= 40, !value.contains(where: { $0.isWhitespace || $0 == "(" || $0 == ")" }) else {
                    throw fail("'\(value)' must be up to 40 characters with no spaces or brackets, like GXN-HVX")
                }
                config.registerSuffix = Text.clean(value)
            case "lookup_limit_per_minute": config.lookupLimitPerMinute = try int(1...1_000_000)
            case "idle_timeout_seconds": config.idleTimeoutSeconds = try int(1...3600)
            case "body_timeout_seconds": config.bodyTimeoutSeconds = try int(1...3600)
            case "max_connections": config.maxConnections = try int(16...1_000_000)
            case "sqlite_synchronous":
                guard let durability = AppDatabase.Durability(rawValue: value.lowercased()) else {
                    throw fail("'\(value)' is not full or normal")
                }
                config.durability = durability
            case "trusted_proxies": config.trustedProxies = try ranges()
            case "metrics_allow": config.metricsAllow = try ranges()
            case "log_format":
                guard let format = AppConfig.LogFormat(rawValue: value.lowercased()) else {
                    throw fail("'\(value)' is not text or json")
                }
                config.logFormat = format
            case "litestream": config.litestream = try bool()
            default: break
            }
        }
    }
}
