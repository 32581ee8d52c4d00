import Foundation
import Testing

@testable import Academy

/// Golden files of the course pages (`Tests/AcademyTests/Snapshots/courses/`), in both languages, for each reader
/// who sees a different page.
@Suite struct CoursePageSnapshotTests {
    @Test func catalogue() async throws {
        let snapshots = try await PageSnapshots.make()
        let course = SnapshotFixtures.course
        func page(_ strings: Strings, _ language: Language) -> CataloguePage {
            CataloguePage(
                title: strings.text("catalogue_title", language),
                courses: [
                    .init(
                        url: SitePath.course(course.slug), title: course.title.text(language),
                        summary: course.summary.text(language), version: course.version,
                        moduleCount: strings.text("course_module_count", language, [String(course.modules.count)]))
                ])
        }
        snapshots.check("courses/catalogue", path: "/", roles: [nil], page)
        snapshots.check("courses/catalogue-mine", path: "/", roles: [.learner]) { strings, language in
            var catalogue = page(strings, language)
            catalogue.welcome = strings.text("home_welcome", language, ["Nguyễn Thị Hoa"])
            catalogue.changed = true
            catalogue.mine = [ProgressCard(Self.progress(course), strings: strings, language: language)]
            return catalogue
        }
        snapshots.check("courses/catalogue-staff", path: "/", roles: [.trainer, .hr, .admin]) { strings, language in
            var catalogue = page(strings, language)
            catalogue.welcome = strings.text("home_welcome", language, ["Nguyễn Thị Hoa"])
            let figures = Dashboard.Figures(
                learners: 10_257,
                counts: CompletionCounts(enrolled: 1_200, inProgress: 400, completed: 612, certified: 600),
                certificatesThisMonth: 87,
                behind: [
                    CompletionRow(
                        group: "Lâm Bình (cũ)", commune: "Minh Quang",
                        counts: CompletionCounts(enrolled: 40, inProgress: 10, completed: 3, certified: 3))
                ])
            catalogue.dashboard = DashboardPanel(figures, strings: strings, language: language)
            return catalogue
        }
    }

    @Test func course() async throws {
        let snapshots = try await PageSnapshots.make()
        let course = SnapshotFixtures.course
        func page(_ language: Language, staff: Bool) -> CoursePage {
            CoursePage(
                title: course.title.text(language), summary: course.summary.text(language), version: course.version,
                contentVersion: staff ? "3f9a1c2b" : nil,
                modules: course.modules.map {
                    .init(
                        url: SitePath.module(course.slug, $0.slug), title: $0.title.text(language),
                        hasLesson: $0.lessonHTML != nil, quizURL: $0.quiz.map { _ in SitePath.quiz(course.slug, "q") })
                },
                firstURL: course.modules.first.map { SitePath.module(course.slug, $0.slug) },
                certificate: .init(title: "Chứng nhận", description: "Hoàn thành khóa học", requires: "Bài 1, Bài 2"))
        }
        let path = SitePath.course(course.slug)
        snapshots.check("courses/course-visitor", path: path, roles: [nil]) { _, language in
            var visitor = page(language, staff: false)
            visitor.signInURL = SitePath.login + "?next=" + path
            return visitor
        }
        snapshots.check("courses/course-enrolled", path: path, roles: [.learner]) { strings, language in
            var learner = page(language, staff: false)
            learner.progress = ProgressCard(Self.progress(course), strings: strings, language: language)
            learner.completion = CompletionNote(
                course: course, read: [course.modules[0].slug], passed: [], certificateCode: nil, strings: strings,
                language: language)
            return learner
        }
        // Issue 16: complete, with the certificate a tap away.
        snapshots.check("courses/course-completed", path: path, roles: [.learner]) { strings, language in
            var learner = page(language, staff: false)
            learner.completion = CompletionNote(
                course: course, read: Set(course.modules.map(\.slug)), passed: Set(course.requiredQuizzes),
                certificateCode: "7K3M-9QXD-2FHA", strings: strings, language: language)
            return learner
        }
        snapshots.check("courses/course-staff", path: path, roles: [.trainer]) { _, language in
            var trainer = page(language, staff: true)
            trainer.enrollURL = SitePath.enroll(course.slug)
            return trainer
        }
    }

    @Test func lesson() async throws {
        let snapshots = try await PageSnapshots.make()
        let course = SnapshotFixtures.course
        for index in course.modules.indices {
            let module = course.modules[index]
            snapshots.checkShared(
                "courses/lesson-\(index + 1)", path: SitePath.module(course.slug, module.slug), roles: [nil, .learner]
            ) { strings, language in
                CourseController.lessonPage(course, index, strings: strings, language: language)
            }
        }
    }

    static func progress(_ course: Course) -> CourseProgress {
        CourseProgress(
            course: course, enrolledAt: Date(timeIntervalSince1970: 1_790_000_000),
            openedLessons: [course.modules[0].slug], lastOpened: course.modules[0].slug, standings: [:])
    }
}
