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
        let logger = LogSetup.bootstrap(level: config.logLevel)
        let services: AppServices
        do {
            services = try await makeServices(config: config, logger: logger)
        } catch let error as PlaceListError {
            // The place list is the one start-up problem a person fixes in a file: say where, and stop.
            FileHandle.standardError.write(Data("\(error)\n".utf8))
            throw ExitCode(1)
        }
        if try await !services.accounts.hasAdmin() {
            logger.warning(
                "no administrator yet: create one with  academy users add admin --role admin --name \"Your Name\"  (the password is read from standard input)"
            )
        }
        logger.info("serving on http://\(config.host):\(config.port) — public address \(config.resolvedBaseURL)")
        let app = buildApplication(services, logger: logger)
        try await app.runService()
        try services.database.close()
        logger.info("stopped; database closed")
    }
}
