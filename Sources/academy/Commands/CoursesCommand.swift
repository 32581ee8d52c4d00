import Academy
import ArgumentParser
import Foundation

/// `academy courses …`: tools for course files.
struct CoursesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "courses", abstract: "Work with course files.", subcommands: [Validate.self])

    /// `academy courses validate [DIR]`: every problem as `path:line: message`; exit 1 if any. Warnings
    /// (`path:line: warning: …`) are printed too but do not fail.
    struct Validate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check course files and list every problem as path:line: message.")

        @Argument(help: "A courses folder, or one course's folder (default: ./Courses).")
        var directory: String = "Courses"

        func run() async throws {
            let loader = CourseLoader()
            let isCourse = FileManager.default.fileExists(
                atPath: (directory as NSString).appendingPathComponent("course.yaml"))
            var problems: [CourseProblem] = []
            var warnings: [CourseProblem] = []
            var count = 0
            if isCourse {
                let (course, found) = loader.load(directory: directory)
                problems = found
                count = course == nil ? 0 : 1
                if let course { warnings = Self.warnings(course, folder: directory) }
            } else {
                var isDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory),
                    isDirectory.boolValue
                else { throw ValidationError("\(directory): no such folder") }
                let snapshot = CourseCatalog.loadAll(directory: directory, loader: loader)
                problems = snapshot.failures.keys.sorted().flatMap { snapshot.failures[$0] ?? [] }
                count = snapshot.courses.count
                warnings = snapshot.courses.flatMap {
                    Self.warnings($0, folder: (directory as NSString).appendingPathComponent($0.slug))
                }
            }
            for warning in warnings { print(warning.description) }
            for problem in problems { print(problem.description) }
            if problems.isEmpty {
                print("\(count) course(s) valid")
            } else {
                FileHandle.standardError.write(Data("\(problems.count) problem(s) found\n".utf8))
                throw ExitCode(1)
            }
        }

        /// The warnings of a loaded course's questions (a course's folder is named after its slug).
        static func warnings(_ course: Course, folder: String) -> [CourseProblem] {
            course.modules.compactMap(\.quiz).flatMap { quiz in
                quiz.questions.flatMap { $0.warnings(path: (folder as NSString).appendingPathComponent(quiz.file)) }
            }
        }
    }
}
