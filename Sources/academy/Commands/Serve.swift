import Academy
import ArgumentParser
import Foundation
import Hummingbird

/// `academy serve`: runs the web server until SIGINT or SIGTERM, then closes the database cleanly.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run the web server.")

    @OptionGroup var common: CommonOptions
    @Option(help: "Address to listen on (default: 127.0.0.1).")
    var host: String?
    @Option(help: "Port to listen on (default: 8080).")
    var port: String?

    func run() async throws {
        var extra: [String: String] = [:]
        if let host { extra["host"] = host }
        if let port { extra["port"] = port }
        let config = try common.load(extra: extra)
        let logger = LogSetup.bootstrap(level: config.logLevel, format: config.logFormat)
        Telemetry.bootstrap()
        let services: AppServices
        do {
            services = try await makeServices(config: config, logger: logger)
        } catch let error as PlaceListError {
            // The place list is the one start-up problem a person fixes in a file: say where, and stop.
            FileHandle.standardError.write(Data("\(error)\n".utf8))
            throw ExitCode(1)
        }
        if let backup = services.database.backupBeforeUpgrade {
            logger.notice("database upgraded to this version; the database as it was before is in \(backup)")
        }
        if try await !services.accounts.hasAdmin() {
            logger.warning(
                "no administrator yet: create one with  academy users add admin --role admin --name \"Your Name\"  (the password is read from standard input)"
            )
        }
        if config.signerName.isEmpty {
            logger.warning(
                "signer_name is not set: the certificates' PDFs show no signer's name under \"Đã ký số\" (Decree 30 asks for it); set signer_name (and signer_title) in academy.yaml"
            )
        }
        logger.info("serving on http://\(config.host):\(config.port) — public address \(config.resolvedBaseURL)")
        let app = buildApplication(services, logger: logger)
        try await app.runService()
        // With Litestream replicating, its checkpoints own the WAL: closing must not truncate it (DEPLOYING.md).
        try services.database.close(truncatingWAL: !config.litestream)
        logger.info("stopped; database closed")
    }
}
