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
            let snapshot = catalog.reload()
            do {
                try await audit.record(
                    .coursesReloaded, actor: .system, detail: "SIGHUP: " + AuditLog.describe(snapshot))
            } catch {
                logger.error("could not write the audit log: \(error)")
            }
        }
    }
}
