import Logging
import ServiceLifecycle
import UnixSignals

/// Reloads the courses when the process receives SIGHUP (`kill -HUP <pid>`), without a restart.
struct ReloadOnHangup: Service {
    let catalog: CourseCatalog
    let logger: Logger

    func run() async throws {
        let signals = await UnixSignalsSequence(trapping: .sighup)
        for await _ in signals.cancelOnGracefulShutdown() {
            logger.info("SIGHUP: reloading courses")
            catalog.reload()
        }
    }
}
