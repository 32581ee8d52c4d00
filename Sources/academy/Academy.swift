import Academy
import ArgumentParser

/// The `academy` command: the server and the tools around it.
@main
struct AcademyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "academy",
        abstract: "Commune Academy: a learning server for commune officials.",
        version: AcademyVersion.current,
        subcommands: [
            Serve.self, CoursesCommand.self, UsersCommand.self, CertificatesCommand.self, KeysCommand.self, Backup.self,
        ],
        defaultSubcommand: nil)
}
