import Foundation
import Testing

@testable import Academy

/// Golden files of the enrolment pages (`Tests/AcademyTests/Snapshots/enrollment/`), in both languages, for the
/// trainers and admins who use them.
@Suite struct EnrollmentPageSnapshotTests {
    /// Active learners per commune: three units of the small place list, and one commune it does not name.
    static let learners = ["Thượng Lâm": 42, "Yên Hoa": 17, "Côn Lôn": 8, "Xã Cũ Chưa Chuyển": 3]
    /// The small place list's groups (real units of Tuyên Quang).
    static let grouping = Result { ReportGroups(try PlaceListReader.load(directory: Fixtures.path("places/small"))) }

    @Test func enroll() async throws {
        let snapshots = try await PageSnapshots.make()
        let courses = SnapshotFixtures.catalog.snapshot.courses
        let path = SitePath.enrollOthers
        let grouping = try Self.grouping.get()
        snapshots.check("enrollment/enroll", path: path, roles: [.trainer, .admin]) { strings, language in
            EnrollPage(
                courses: courses, grouping: grouping, learners: Self.learners, result: nil, strings: strings,
                language: language)
        }
        // After a post: how many were enrolled, and the usernames nobody has.
        snapshots.check("enrollment/enroll-done", path: path, roles: [.trainer]) { strings, language in
            let result =
                strings.text("enroll_result", language, ["3", "1"]) + " "
                + strings.text("enroll_unknown", language, ["hocvien99"])
            return EnrollPage(
                courses: courses, grouping: grouping, learners: Self.learners, result: result, strings: strings,
                language: language)
        }
        // No place list and no learners with a commune yet: the lists are empty.
        snapshots.check("enrollment/enroll-no-places", path: path, roles: [.trainer]) { strings, language in
            EnrollPage(
                courses: courses, grouping: ReportGroups(.empty), learners: [:], result: nil, strings: strings,
                language: language)
        }
        // No place list: the communes on file, no groups.
        snapshots.check("enrollment/enroll-no-list", path: path, roles: [.trainer]) { strings, language in
            EnrollPage(
                courses: courses, grouping: ReportGroups(.empty), learners: Self.learners, result: nil,
                strings: strings, language: language)
        }
    }
}
