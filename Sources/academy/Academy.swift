import Academy
import ArgumentParser
import Dispatch
import Foundation
import NIOCore
import NIOPosix

/// Starts the `academy` command with Swift's tasks running on SwiftNIO's event-loop threads, so a request's
/// handler runs on the thread that read it instead of hopping to a second pool of threads and back. On the
/// 2-core machine this serves, that hop and its context switches were a large part of every request's cost.
/// NIO allows this only before any task has run, hence a plain `main` that starts the async command itself.
@main
enum Main {
    static func main() {
        _ = NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
        Task {
            await AcademyCommand.main()
            exit(0)
        }
        dispatchMain()
    }
}

/// The `academy` command: the server and the tools around it.
struct AcademyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "academy",
        abstract: "Commune Academy: a learning server for commune officials.",
        version: AcademyVersion.current,
        subcommands: [
            Serve.self, CoursesCommand.self, UsersCommand.self, PlacesCommand.self, CertificatesCommand.self,
            KeysCommand.self,
            Backup.self, Migrate.self,
        ],
        defaultSubcommand: nil)
}
