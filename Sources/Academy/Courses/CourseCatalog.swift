import Foundation
import Logging
import Synchronization

/// The courses the server currently serves, replaced whole on reload so a learner never sees half an update.
public final class CourseCatalog: Sendable {
    /// Everything loaded in one pass over the courses folder.
    public struct Snapshot: Sendable {
        /// Valid courses, in folder-name order.
        public var courses: [Course] = []
        /// Problems of the courses that were refused, by folder name.
        public var failures: [String: [CourseProblem]] = [:]
        public var loadedAt = Date()

        public func course(_ slug: String) -> Course? { courses.first { $0.slug == slug } }
    }

    public let directory: String
    let loader: CourseLoader
    let logger: Logger
    private let state = Mutex(Snapshot())

    public init(directory: String, loader: CourseLoader = CourseLoader(), logger: Logger) {
        self.directory = directory
        self.loader = loader
        self.logger = logger
    }

    /// The current courses; hold on to the value for the whole request.
    public var snapshot: Snapshot { state.withLock { $0 } }

    /// Loads every course folder again and swaps the result in at once.
    @discardableResult
    public func reload() -> Snapshot {
        let fresh = Self.loadAll(directory: directory, loader: loader)
        for (slug, problems) in fresh.failures.sorted(by: { $0.key < $1.key }) {
            logger.error("course '\(slug)' not loaded: \(problems.count) problem(s)")
            for problem in problems { logger.error("\(problem.description)") }
        }
        logger.info("loaded \(fresh.courses.count) course(s) from \(directory)")
        state.withLock { $0 = fresh }
        return fresh
    }

    /// One pass over the folder: each sub-folder with a course.yaml is a course.
    public static func loadAll(directory: String, loader: CourseLoader) -> Snapshot {
        var snapshot = Snapshot()
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        for name in names.sorted() where !name.hasPrefix(".") {
            let folder = (directory as NSString).appendingPathComponent(name)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue
            else { continue }
            let (course, problems) = loader.load(directory: folder)
            if let course { snapshot.courses.append(course) } else { snapshot.failures[name] = problems }
        }
        return snapshot
    }
}
