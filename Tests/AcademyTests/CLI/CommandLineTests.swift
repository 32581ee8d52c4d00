import Foundation
import Testing

/// Runs the real `academy` binary that `swift build --build-tests` produced beside the tests.
@Suite struct CommandLineTests {
    static let repository = Fixtures.root.deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let binary = repository.appendingPathComponent(".build/debug/academy").path

    struct Result {
        let status: Int32
        let output: String
        let error: String
    }

    static func run(_ arguments: [String], input: String? = nil, environment: [String: String] = [:]) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        process.currentDirectoryURL = repository
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let out = Pipe()
        let err = Pipe()
        let inp = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = inp
        try process.run()
        if let input { inp.fileHandleForWriting.write(Data(input.utf8)) }
        try inp.fileHandleForWriting.close()
        let output = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let error = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return Result(status: process.terminationStatus, output: output, error: error)
    }

    @Test func loginSlipsAndBackupsAreWrittenForTheOwnerOnly() throws {
        // given: a data folder and a CSV of two officials of a unit on the shipped place list (Config/places)
        let folder = NSTemporaryDirectory() + "academy-cli-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try "username,full_name,commune\n0912000001,Nguyễn Văn An,Tân Trào\n0912000002,Trần Thị Bình,Xã Tân Trào\n"
            .write(toFile: folder + "/people.csv", atomically: true, encoding: .utf8)
        let environment = ["ACADEMY_SCRYPT_LOG_N": "10"]
        // when
        let imported = try Self.run(
            ["users", "import", folder + "/people.csv", "--data", folder + "/data", "--slips", folder + "/slips.html"],
            environment: environment)
        let backup = try Self.run(
            ["backup", folder + "/copy.sqlite", "--data", folder + "/data"], environment: environment)
        // then: one-time passwords and every hash stay with the person who ran the commands
        #expect(imported.status == 0, "\(imported.output)\(imported.error)")
        #expect(backup.status == 0, "\(backup.output)\(backup.error)")
        for file in ["slips.html", "copy.sqlite"] {
            let mode = try FileManager.default.attributesOfItem(atPath: folder + "/" + file)[.posixPermissions] as? Int
            #expect(mode == 0o600, "\(file): \(String(mode ?? 0, radix: 8))")
        }
        #expect(try String(contentsOfFile: folder + "/slips.html", encoding: .utf8).contains("Trần Thị Bình"))
    }

    @Test func validateAcceptsTheShippedCourses() throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.binary))
        let result = try Self.run(["courses", "validate", "Courses"])
        #expect(result.status == 0, "\(result.output)\(result.error)")
        #expect(result.output.contains("course(s) valid"))
        #expect(!result.output.contains("warning:"), "the shipped courses weigh their wrong choices")
    }

    @Test func validateListsEveryProblemAndFails() throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.binary))
        let result = try Self.run(["courses", "validate", "Tests/AcademyTests/Fixtures/courses/broken"])
        #expect(result.status == 1)
        #expect(
            result.output.contains(
                "Tests/AcademyTests/Fixtures/courses/broken/no-correct/quizzes/q.gift:2: question 'khong-dung' has no correct answer"
            ))
        // ten problems of the first ten fixtures, seven of the two grouped-quiz fixtures (issue 15), the summary
        #expect(result.output.split(separator: "\n").count == 18)
    }

    /// Issue 13, point 16: a wrong choice with no weight is allowed, and the author is told what it costs.
    @Test func validateWarnsAboutUnweightedWrongChoicesButAcceptsTheCourse() throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.binary))
        // given: the fixture course with the wrong choice of its multiple-answer question left without a weight
        let folder = NSTemporaryDirectory() + "academy-warn-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Fixtures.path("courses/good/sample"), toPath: folder + "/sample")
        let quiz = folder + "/sample/quizzes/final.yaml"
        let text = try String(contentsOfFile: quiz, encoding: .utf8)
        try text.replacingOccurrences(of: "{text: Bầu cử, weight: -100}", with: "{text: Bầu cử}")
            .write(toFile: quiz, atomically: true, encoding: .utf8)
        // when
        let result = try Self.run(["courses", "validate", folder])
        // then
        #expect(result.status == 0, "\(result.output)\(result.error)")
        #expect(result.output.contains("1 course(s) valid"))
        #expect(
            result.output.contains(
                "\(quiz):11: warning: wrong choice 'c' of question 'dich-vu' has no weight; each one ticked takes away "
                    + "100% of the question's marks (give it a negative weight to choose how much)"), "\(result.output)"
        )
    }

    @Test func helpListsTheCommands() throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.binary))
        let result = try Self.run(["--help"])
        for command in ["serve", "courses", "users", "backup"] {
            #expect(result.output.contains(command), "\(command)")
        }
    }

    @Test func aBadConfigValueStopsWithOneLineNamingTheKey() throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.binary))
        let result = try Self.run(["serve", "--port", "99999"])
        #expect(result.status != 0)
        #expect(result.error.contains("port"))
        #expect(result.error.contains("99999"))
    }
}
