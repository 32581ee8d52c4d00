import Logging
import ServiceLifecycle
import UnixSignals

/// Reloads the courses when the process receives SIGHUP (`kill -HUP <pid>`), without a restart.
struct ReloadOnHangup: Service {
    let catalog: CourseCatalog
    let logger: Logger
    let audit: AuditLog

    func run() async throws {
        let signals = await UnixSignalsSequence(trapping: .sighup)
        for await _ in signals.cancelOnGracefulShutdown() {
            logger.info("SIGHUP: reloading courses")
            // Reading and rendering every course file: off the event loops (CONTRIBUTING.md).
            let catalog = self.catalog
            let snapshot: CourseCatalog.Snapshot
            do {
                snapshot = try await Blocking.run { catalog.reload() }
            } catch {
                logger.error("could not reload the courses: \(error)")
                continue
            }
            do {
                try await audit.record(
                    .coursesReloaded, actor: .system, detail: "SIGHUP: " + AuditLog.describe(snapshot))
            } catch {
                logger.error("could not write the audit log: \(error)")
            }
        }
    }
}
