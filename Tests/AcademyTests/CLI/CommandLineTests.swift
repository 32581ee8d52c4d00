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

    @Test func validateAcceptsTheShippedCourses() throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.binary))
        let result = try Self.run(["courses", "validate", "Courses"])
        #expect(result.status == 0, "\(result.output)\(result.error)")
        #expect(result.output.contains("course(s) valid"))
    }

    @Test func validateListsEveryProblemAndFails() throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.binary))
        let result = try Self.run(["courses", "validate", "Tests/AcademyTests/Fixtures/courses/broken"])
        #expect(result.status == 1)
        #expect(result.output.contains(
            "Tests/AcademyTests/Fixtures/courses/broken/no-correct/quizzes/q.gift:2: question 'khong-dung' has no correct answer"))
        #expect(result.output.split(separator: "\n").count == 11)
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
