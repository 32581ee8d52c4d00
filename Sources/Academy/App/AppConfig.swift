import Foundation

/// Every setting of the server and the `academy` command, resolved once at start-up.
///
/// Precedence: command-line flags > `ACADEMY_*` environment variables > the config file > these defaults.
public struct AppConfig: Sendable, Equatable {
    public var host = "127.0.0.1"
    public var port = 8080
    /// Folder for the database and signing keys; created with mode 0700.
    public var dataDirectory = "data"
    public var coursesDirectory = "Courses"
    /// Folder of the place lists (`*.csv`, Config/places/README.md), read at start; none = communes are free text.
    public var placesDirectory = "Config/places"
    public var publicDirectory = "Public"
    /// Public address printed in QR codes and certificates; defaults to `http://host:port`.
    public var baseURL: String?
    public var logLevel = "info"
    /// scrypt cost as log2(N); 15 means N = 32768 (32 MiB of memory per hash with r = 8).
    public var scryptLogN = 15
    /// A session ends after this many minutes without a request…
    public var sessionIdleMinutes = 120
    /// …and in any case this many hours after sign-in.
    public var sessionAbsoluteHours = 24 * 7
    /// Send cookies with `Secure` (set when the site is reached over https).
    public var secureCookies = false
    /// Name of the issuing organisation, shown on certificates and the issuer profile.
    public var issuerName = "Học viện Cấp xã"
    /// The signed PDF (issue 19): the body above the issuer, printed above its name ("UBND tỉnh Tuyên Quang"; empty:
    /// none), the place in "Tuyên Quang, ngày … tháng … năm …", the signer's title and name, and the register's
    /// suffix in "Số: 15/GXN".
    public var parentBody = ""
    public var documentPlace = "Tuyên Quang"
    public var signerTitle = "Giám đốc"
    public var signerName = ""
    public var registerSuffix = "GXN"

    /// The issuing body as the PDF prints it.
    public var certificateIssuer: CertificateIssuer {
        CertificateIssuer(
            parentBody: parentBody, name: issuerName, place: documentPlace, signerTitle: signerTitle,
            signerName: signerName, registerSuffix: registerSuffix)
    }
    /// Public certificate look-ups (verify page, verify API) allowed per client address and minute, so codes
    /// cannot be guessed by brute force.
    public var lookupLimitPerMinute = 60
    /// A keep-alive connection with no request for this many seconds is closed; so is one whose request head has
    /// not arrived whole in that time (a client trickling headers).
    public var idleTimeoutSeconds = 30
    /// A request body must arrive whole within this many seconds of its head (slow-body attacks); 120 s carries an
    /// 8 MiB upload at 70 KB/s.
    public var bodyTimeoutSeconds = 120
    /// Connections served at once; further ones wait in the kernel's queue until one closes.
    public var maxConnections = 4096
    /// SQLite's `synchronous`: full (every acknowledged write survives a power cut) unless lowered on purpose.
    public var durability = AppDatabase.Durability.full
    /// Reverse proxies whose `X-Forwarded-For` is believed (see `ClientAddress`); none by default, so the
    /// connection's own address is the client's.
    public var trustedProxies: [IPRange] = []
    /// Client addresses (after `trustedProxies`) that may read `/metrics`; others get 404. Loopback by default, so
    /// a Prometheus on the same machine can scrape it and nobody else sees the figures.
    public var metricsAllow: [IPRange] = [IPRange("127.0.0.1"), IPRange("::1")].compactMap { $0 }
    /// `text` (one readable line per event) or `json` (one JSON object per line, for a log collector).
    public var logFormat = LogFormat.text
    /// Litestream replicates the database (`litestream: true`; DEPLOYING.md): checkpoints are left to it — SQLite's
    /// automatic ones are off on the writing connection, and closing the database does not truncate the WAL.
    public var litestream = false

    /// How log lines are written.
    public enum LogFormat: String, Sendable, Equatable, CaseIterable {
        case text, json
    }

    public init() {}

    /// The base URL with no trailing slash.
    public var resolvedBaseURL: String {
        var url = baseURL ?? "http://\(host):\(port)"
        while url.hasSuffix("/") { url.removeLast() }
        return url
    }

    public var databasePath: String { (dataDirectory as NSString).appendingPathComponent("academy.sqlite") }
}

/// A setting that could not be used; the message names the key so a person can fix it.
public struct ConfigError: Error, Equatable, CustomStringConvertible {
    public var key: String
    public var source: String
    public var message: String

    public init(key: String, source: String, message: String) {
        self.key = key
        self.source = source
        self.message = message
    }

    public var description: String { "configuration error: \(key) (from \(source)): \(message)" }
}
