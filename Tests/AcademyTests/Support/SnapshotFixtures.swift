import Foundation
import Logging

@testable import Academy

/// The data the page snapshots show: the fixture course, loaded once.
enum SnapshotFixtures {
    static let catalog: CourseCatalog = {
        var logger = Logger(label: "snapshots")
        logger.logLevel = .critical
        let catalog = CourseCatalog(directory: Fixtures.path("courses/good"), logger: logger)
        catalog.reload()
        return catalog
    }()

    static var course: Course {
        guard let course = catalog.snapshot.courses.first else { fatalError("the fixture course did not load") }
        return course
    }
}
