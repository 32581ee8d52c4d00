import NIOPosix

/// Runs blocking work (file reading, hashing) on NIO's thread pool so request threads stay free.
enum NIOThreadPoolRunner {
    static func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await NIOThreadPool.singleton.runIfActive(work)
    }
}
