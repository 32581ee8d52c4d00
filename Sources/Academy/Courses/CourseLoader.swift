import Foundation
import Signing
import Yams

/// Reads one course folder into a `Course`, collecting every problem rather than stopping at the first.
public struct CourseLoader: Sendable {
    let renderer: MarkdownRenderer

    public init(renderer: MarkdownRenderer = MarkdownRenderer()) {
        self.renderer = renderer
    }

    static let courseKeys = [
        "title", "summary", "language", "version", "open", "modules", "completion", "certificate",
    ]
    static let moduleKeys = ["slug", "title", "lesson", "quiz"]
    static let quizKeys = [
        "file", "pass_percent", "max_attempts", "time_limit_minutes", "shuffle_questions", "shuffle_choices", "draw",
        "review",
    ]
    /// Addresses under /courses/<slug>/ that a module slug would collide with.
    static let reservedModuleSlugs: Set<String> = ["media", "enroll"]

    /// The page already shows the module's title as its heading: a lesson that starts with its own `# Title`
    /// line would show it twice, so that first line is left out.
    static func withoutLeadingTitle(_ markdown: String) -> String {
        var lines = markdown.split(separator: "\n", omittingEmptySubsequences: false)
        guard let first = lines.firstIndex(where: { !$0.trimmingCharacters(in: .whitespaces).isEmpty }),
            lines[first].hasPrefix("# ")
        else { return markdown }
        lines.remove(at: first)
        return lines.joined(separator: "\n")
    }

    static let imageExtensions: Set<String> = ["png", "jpg", "jpeg", "gif", "webp", "svg"]

    /// Loads `directory` (a course folder such as `Courses/chuyen-doi-so-cap-xa`). The course is nil when any
    /// problem was found: a course is served whole or not at all.
    public func load(directory: String) -> (course: Course?, problems: [CourseProblem]) {
        let slug = (directory as NSString).lastPathComponent
        let yamlPath = (directory as NSString).appendingPathComponent("course.yaml")
        var reader = YAMLReader(path: yamlPath)
        guard Self.isSlug(slug) else {
            reader.problem(line: 1, "the folder name '\(slug)' is not a valid course slug (a-z, 0-9 and hyphens)")
            return (nil, reader.problems)
        }
        guard let text = Self.readText(yamlPath, reader: &reader) else { return (nil, reader.problems) }
        guard let root = reader.compose(text), let map = reader.mapping(root, "course.yaml") else {
            if reader.problems.isEmpty { reader.problem(line: 1, "course.yaml is empty") }
            return (nil, reader.problems)
        }
        reader.checkKeys(map, known: Self.courseKeys, in: "course.yaml")
        let title = reader.localized(map, "title", required: true, in: "course.yaml")
        let summary = reader.localized(map, "summary", required: false, in: "course.yaml")
        var language = Language.vi
        if let name = reader.string(map, "language", required: false, in: "") {
            if let value = Language(rawValue: name) {
                language = value
            } else {
                reader.problem(map["language"], "'language' must be 'vi' or 'en'")
            }
        }
        let version = reader.string(map, "version", required: false, in: "") ?? "1"
        let isOpen = reader.bool(map, "open") ?? true
        var extraProblems: [CourseProblem] = []
        let modules = loadModules(map, directory: directory, slug: slug, reader: &reader, problems: &extraProblems)
        let completion = loadCompletion(map, modules: modules, reader: &reader)
        let certificate = loadCertificate(map, modules: modules, completion: completion, reader: &reader)
        let media = Self.mediaFiles(directory)
        let problems = (reader.problems + extraProblems).sorted { ($0.path, $0.line) < ($1.path, $1.line) }
        guard problems.isEmpty, let title else { return (nil, problems) }
        let course = Course(
            slug: slug, title: title, summary: summary ?? LocalizedText(vi: ""), language: language, version: version,
            contentVersion: Self.contentVersion(directory), isOpen: isOpen, modules: modules,
            certificate: certificate, completion: completion, media: media)
        return (course, [])
    }

    private func loadModules(
        _ map: Node.Mapping, directory: String, slug: String, reader: inout YAMLReader,
        problems: inout [CourseProblem]
    ) -> [CourseModule] {
        guard let list = map["modules"]?.sequence, !list.isEmpty else {
            reader.problem(
                map["modules"] ?? map.first?.key, "course.yaml needs a 'modules:' list with at least one module")
            return []
        }
        var modules: [CourseModule] = []
        var seen: [String: Int] = [:]
        for node in list {
            guard let entry = reader.mapping(node, "a module") else { continue }
            reader.checkKeys(entry, known: Self.moduleKeys, in: "a module")
            guard let moduleSlug = reader.string(entry, "slug", required: true, in: "the module") else { continue }
            let line = YAMLReader.line(entry["slug"])
            if !Self.isSlug(moduleSlug) {
                reader.problem(entry["slug"], .moduleSlugChars, [moduleSlug])
            } else if Self.reservedModuleSlugs.contains(moduleSlug) {
                reader.problem(entry["slug"], .moduleSlugReserved, [moduleSlug])
            }
            if let first = seen[moduleSlug] {
                reader.problem(entry["slug"], .moduleSlugDuplicate, [moduleSlug, String(first)])
            }
            seen[moduleSlug] = line
            let title = reader.localized(entry, "title", required: true, in: "module '\(moduleSlug)'")
            var module = CourseModule(slug: moduleSlug, title: title ?? LocalizedText(vi: moduleSlug))
            if let lesson = reader.string(entry, "lesson", required: false, in: "") {
                module.lessonFile = lesson
                if let path = resolve(lesson, in: directory, node: entry["lesson"], reader: &reader),
                    let markdown = Self.readText(path, reader: &reader, node: entry["lesson"])
                {
                    module.lessonHTML = renderer.renderLesson(
                        Self.withoutLeadingTitle(markdown.precomposedStringWithCanonicalMapping),
                        mediaBase: SitePath.mediaBase(slug), mediaFolder: directory + "/media")
                    problems += Self.checkImages(markdown, lessonPath: path, directory: directory)
                }
            }
            if let quizNode = entry["quiz"] {
                module.quiz = loadQuiz(quizNode, directory: directory, reader: &reader, problems: &problems)
            }
            if module.lessonFile == nil && entry["quiz"] == nil {
                reader.problem(entry["slug"], "module '\(moduleSlug)' has neither a 'lesson' nor a 'quiz'")
            }
            modules.append(module)
        }
        return modules
    }

    private func loadQuiz(_ node: Node, directory: String, reader: inout YAMLReader, problems: inout [CourseProblem])
        -> Quiz?
    {
        guard let map = reader.mapping(node, "'quiz'") else { return nil }
        reader.checkKeys(map, known: Self.quizKeys, in: "'quiz'")
        guard let file = reader.string(map, "file", required: true, in: "'quiz'") else { return nil }
        var quiz = Quiz(file: file)
        if let pass = reader.number(map, "pass_percent") {
            if (0...100).contains(pass) {
                quiz.passPercent = pass
            } else {
                reader.problem(map["pass_percent"], .passRange, [pass.formatted()])
            }
        }
        quiz.maxAttempts = reader.int(map, "max_attempts", range: 0...1000) ?? 0
        quiz.timeLimitMinutes = reader.int(map, "time_limit_minutes", range: 1...1440)
        quiz.shuffleQuestions = reader.bool(map, "shuffle_questions") ?? false
        quiz.shuffleChoices = reader.bool(map, "shuffle_choices") ?? false
        quiz.draw = reader.int(map, "draw", range: 1...10_000)
        if let review = reader.string(map, "review", required: false, in: "") {
            if let mode = ReviewMode(rawValue: review) {
                quiz.review = mode
            } else {
                reader.problem(map["review"], "'review' must be one of: score, wrong, full")
            }
        }
        guard let path = resolve(file, in: directory, node: map["file"], reader: &reader) else { return quiz }
        let ext = (file as NSString).pathExtension.lowercased()
        guard ["gift", "yaml", "yml"].contains(ext) else {
            reader.problem(map["file"], "quiz file '\(file)' must end in .gift, .yaml or .yml")
            return quiz
        }
        guard let text = Self.readText(path, reader: &reader, node: map["file"]) else { return quiz }
        let loaded = QuizFileLoader.loadFile(text: text, path: path)
        let (questions, quizProblems) = (loaded.questions, loaded.problems)
        problems += quizProblems
        quiz.questions = questions
        quiz.groups = loaded.groups
        if loaded.groups != nil, let node = map["draw"] {
            reader.problem(node, "\(file) has 'groups:': the draw is set per group there, not here; remove this 'draw'")
            quiz.draw = nil
        } else if let draw = quiz.draw, draw > questions.count, quizProblems.isEmpty {
            reader.problem(map["draw"], .drawTooLarge, [String(draw), String(questions.count), file])
        }
        return quiz
    }

    /// `completion:`: `lessons:` and `quizzes:`, each `all`, `none` or a list of module slugs (a missing one is `all`).
    private func loadCompletion(_ map: Node.Mapping, modules: [CourseModule], reader: inout YAMLReader)
        -> CompletionRule?
    {
        guard let node = map["completion"], let block = reader.mapping(node, "'completion'") else { return nil }
        reader.checkKeys(block, known: ["lessons", "quizzes"], in: "'completion'")
        func scope(_ key: String, has: (CourseModule) -> Bool, what: String) -> CompletionRule.Scope {
            guard let value = block[key] else { return .all }
            if let word = value.scalar?.string {
                switch word {
                case "all": return .all
                case "none": return .none
                default:
                    reader.problem(value, "'\(key)' must be 'all', 'none' or a list of module slugs")
                    return .all
                }
            }
            guard let list = value.sequence else {
                reader.problem(value, "'\(key)' must be 'all', 'none' or a list of module slugs")
                return .all
            }
            var slugs: [String] = []
            for item in list {
                guard let slug = item.string else { continue }
                if let module = modules.first(where: { $0.slug == slug }) {
                    if !has(module) {
                        reader.problem(item, "completion requires \(what) of module '\(slug)', which has none")
                    }
                } else {
                    reader.problem(item, "completion requires module '\(slug)', which is not in 'modules'")
                }
                slugs.append(slug)
            }
            return .modules(slugs)
        }
        let lessons = scope("lessons", has: { $0.lessonFile != nil }, what: "the lesson")
        let quizzes = scope("quizzes", has: { $0.quiz != nil }, what: "the quiz")
        if lessons == .none && quizzes == .none {
            reader.problem(node, "'completion' requires nothing: the course could never be completed")
        }
        return CompletionRule(lessons: lessons, quizzes: quizzes)
    }

    private func loadCertificate(
        _ map: Node.Mapping, modules: [CourseModule], completion: CompletionRule?, reader: inout YAMLReader
    ) -> CertificateSpec? {
        guard let node = map["certificate"], let cert = reader.mapping(node, "'certificate'") else { return nil }
        reader.checkKeys(
            cert, known: ["requires", "title", "description", "hours", "document_title"], in: "'certificate'")
        var hours: Double?
        if let value = reader.number(cert, "hours") {
            if value > 0, value <= 1000 {
                hours = value
            } else {
                reader.problem(cert["hours"], "'hours' must be a number of hours from 0.5 to 1000")
            }
        }
        let documentTitle = reader.localized(cert, "document_title", required: false, in: "'certificate'")
        let written = reader.localized(cert, "title", required: false, in: "'certificate'")
        let title =
            written.flatMap { $0.vi.isEmpty && ($0.en ?? "").isEmpty ? nil : $0 } ?? CertificateSpec.defaultTitle
        let description = reader.localized(cert, "description", required: false, in: "'certificate'")
        // With `completion:`, the certificate follows it and `requires` may be left out.
        guard let list = cert["requires"]?.sequence, !list.isEmpty else {
            if completion != nil, cert["requires"] == nil {
                return CertificateSpec(
                    requires: [], title: title, description: description ?? LocalizedText(vi: ""), hours: hours,
                    documentTitle: documentTitle)
            }
            reader.problem(cert["requires"] ?? node, "'certificate' needs 'requires:', a list of module slugs")
            return nil
        }
        var requires: [String] = []
        for item in list {
            guard let slug = item.string else { continue }
            if let module = modules.first(where: { $0.slug == slug }) {
                if module.quiz == nil {
                    reader.problem(item, .certificateNoQuiz, [slug])
                }
            } else {
                reader.problem(item, .certificateUnknownModule, [slug])
            }
            if case .modules(let quizzes)? = completion?.quizzes, !quizzes.contains(slug) {
                reader.problem(item, .certificateNotInCompletion, [slug])
            } else if completion?.quizzes == CompletionRule.Scope.none {
                reader.problem(item, .certificateCompletionNone, [slug])
            }
            requires.append(slug)
        }
        return CertificateSpec(
            requires: requires, title: title, description: description ?? LocalizedText(vi: ""), hours: hours,
            documentTitle: documentTitle)
    }
}
