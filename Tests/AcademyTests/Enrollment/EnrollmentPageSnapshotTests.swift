import Foundation
import Testing

@testable import Academy

/// Golden files of the enrolment pages (`Tests/AcademyTests/Snapshots/enrollment/`), in both languages, for the
/// trainers and admins who use them.
@Suite struct EnrollmentPageSnapshotTests {
    static let places = [
        EnrollPage.Place(district: "Huyện Lâm Bình", commune: "Xã Thượng Lâm", people: 42),
        EnrollPage.Place(district: "Huyện Lâm Bình", commune: "Xã Phúc Yên", people: 17),
        EnrollPage.Place(district: "Huyện Na Hang", commune: "Xã Sơn Phú", people: 8),
    ]

    @Test func enroll() async throws {
        let snapshots = try await PageSnapshots.make()
        let courses = SnapshotFixtures.catalog.snapshot.courses
        let path = SitePath.enrollOthers
        snapshots.check("enrollment/enroll", path: path, roles: [.trainer, .admin]) { strings, language in
            EnrollPage(courses: courses, places: Self.places, result: nil, strings: strings, language: language)
        }
        // After a post: how many were enrolled, and the usernames nobody has.
        snapshots.check("enrollment/enroll-done", path: path, roles: [.trainer]) { strings, language in
            let result =
                strings.text("enroll_result", language, ["3", "1"]) + " "
                + strings.text("enroll_unknown", language, ["hocvien99"])
            return EnrollPage(
                courses: courses, places: Self.places, result: result, strings: strings, language: language)
        }
        // No learners with a commune yet: the lists are empty.
        snapshots.check("enrollment/enroll-no-places", path: path, roles: [.trainer]) { strings, language in
            EnrollPage(courses: courses, places: [], result: nil, strings: strings, language: language)
        }
    }
}
