import Foundation
import Metrics
import Prometheus
import Synchronization

/// The server's figures for Prometheus (issue 17), all in one registry that `/metrics` writes out.
///
/// Hummingbird's `MetricsMiddleware` records every request through swift-metrics (`hb_requests` by route, method and
/// status; `http_server_request_duration` as a histogram; `http_server_active_requests`), which `bootstrap()` points
/// at this registry. The application's own figures are made on the registry directly, so they are recorded whether
/// or not swift-metrics was bootstrapped (tests run many servers in one process; swift-metrics allows one backend).
public enum Telemetry {
    public static let registry = PrometheusCollectorRegistry()

    private static let started = Mutex(false)

    /// Points swift-metrics at `registry`, once per process (later calls do nothing). Metric names and label keys
    /// get Prometheus's spelling (`hb.requests` → `hb_requests`).
    public static func bootstrap() {
        let first = started.withLock { started in
            defer { started = true }
            return !started
        }
        guard first else { return }
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.nameAndLabelSanitizer = { name, labels in
            (prometheusName(name), labels.map { (prometheusName($0.0), $0.1) })
        }
        factory.defaultDurationHistogramBuckets = latencyBuckets
        MetricsSystem.bootstrap(factory)
    }

    /// `hb.request.duration` → `hb_request_duration`: letters, digits and underscores only.
    static func prometheusName(_ name: String) -> String {
        String(name.map { $0.isASCII && ($0.isLetter || $0.isNumber) ? $0 : "_" })
    }

    /// From a millisecond (a cached lesson page) to ten seconds (a burst's tail).
    static let latencyBuckets: [Duration] = [
        .milliseconds(1), .microseconds(2500), .milliseconds(5), .milliseconds(10), .milliseconds(25),
        .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1),
        .milliseconds(2500), .seconds(5), .seconds(10),
    ]

    // MARK: Quiz submissions

    static let submissions = registry.makeCounter(
        descriptor: .init(
            namespace: "academy", metricName: "quiz_submissions", unitName: "total",
            helpText: "Quiz attempts graded (a repeated submit of one is not counted)."))
    static let submissionSeconds = registry.makeDurationHistogram(
        descriptor: .init(
            namespace: "academy", metricName: "quiz_submission", unitName: "seconds",
            helpText: "Time to grade and commit one submission, from the request's arrival to the commit."),
        buckets: latencyBuckets)

    // MARK: The write batcher

    static let batchSize = registry.makeValueHistogram(
        descriptor: .init(
            namespace: "academy", metricName: "write_batch", unitName: "size",
            helpText: "Writes (answers, submissions, certificates) shared by one commit."),
        buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256])
    static let commitSeconds = registry.makeDurationHistogram(
        descriptor: .init(
            namespace: "academy", metricName: "write_commit", unitName: "seconds",
            helpText: "Time of one batch's transaction, its fsync included."), buckets: latencyBuckets)

    // MARK: Certificates

    static let certificatesIssued = registry.makeCounter(
        descriptor: .init(
            namespace: "academy", metricName: "certificates_issued", unitName: "total",
            helpText: "Certificates signed and stored."))
    static let signingSeconds = registry.makeDurationHistogram(
        descriptor: .init(
            namespace: "academy", metricName: "certificate_signing", unitName: "seconds",
            helpText: "Time to sign one certificate's credential (RSA), off the event loops."), buckets: latencyBuckets)
    static let pdfSeconds = registry.makeDurationHistogram(
        descriptor: .init(
            namespace: "academy", metricName: "certificate_pdf", unitName: "seconds",
            helpText: "Time to draw, sign and store one certificate's PDF, off the event loops."),
        buckets: latencyBuckets)

    // MARK: Read when scraped

    static let activeSessions = registry.makeGauge(
        descriptor: .init(
            namespace: "academy", metricName: "active", unitName: "sessions",
            helpText: "Sessions (browser and API) not expired, read when scraped."))
    static let databaseBytes = registry.makeGauge(
        descriptor: .init(
            namespace: "academy", metricName: "database", unitName: "bytes",
            helpText: "Size of academy.sqlite, read when scraped."))
    static let walBytes = registry.makeGauge(
        descriptor: .init(
            namespace: "academy", metricName: "database_wal", unitName: "bytes",
            helpText:
                "Size of academy.sqlite-wal, read when scraped: grows while checkpoints wait (readers, Litestream)."))

    /// Registers every family now (Swift makes static properties on first use), so a scrape shows each one from
    /// the start, at zero, instead of only after its first event.
    static func prepare() {
        _ = (submissions, submissionSeconds, batchSize, commitSeconds, certificatesIssued, signingSeconds, pdfSeconds)
        _ = (activeSessions, databaseBytes, walBytes)
    }

    /// Seconds since `start`, as a `Duration`.
    static func since(_ start: ContinuousClock.Instant) -> Duration { ContinuousClock.now - start }
}
