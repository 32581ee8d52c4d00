import NIOPosix

/// The one way to run blocking work off the event loops (CONTRIBUTING.md, "The event-loop rule").
///
/// Every task of the server runs on one of NIO's event loops (`Sources/academy/Academy.swift`), so work that holds
/// its thread — reading or writing a folder of files, ZIP, a CSV of thousands of rows, RSA signing or key generation,
/// scrypt — stalls every connection on that loop meanwhile. `run` hands such work to NIO's blocking thread pool and
/// suspends the task until it is done. The pool has one thread per core (NIO's default; 2 on the 2-core server):
/// CPU-bound work gains nothing from more threads, which would only take turns with the event loops.
/// `NIO_SINGLETON_BLOCKING_POOL_THREAD_COUNT` changes it.
enum Blocking {
    /// Runs `work` on the blocking pool and returns its result (or throws its error).
    static func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await NIOThreadPool.singleton.runIfActive(work)
    }
}
