import Foundation
import Yams

/// The files of one published version read as a person reads them, against the version before (issue 16,
/// point 7): the course's settings in words, each lesson and quiz under its module's title, images by name.
struct VersionReading {
    let files: [String: Data]
    let previous: [String: Data]
    let strings: Strings
    let language: Language

    /// The course and its parts in the version's own order, then anything only the previous version had.
    func sections(html: [String: String], hasPrevious: Bool) -> [AuthorDiffPage.Section] {
        let document = Self.document(files["course.yaml"])
        let before = Self.document(previous["course.yaml"])
        var parts: [(path: String, heading: String, quiz: Bool)] = []
        for module in (document?.modules ?? []) + (before?.modules ?? []) {
            let title = language == .en ? module.title.en ?? module.title.vi : module.title.vi
            if let lesson = module.lesson, !parts.contains(where: { $0.path == lesson }) {
                parts.append((lesson, strings.text("author_read_lesson", language, [title]), false))
            }
            if let quiz = module.quiz?.file, !parts.contains(where: { $0.path == quiz }) {
                parts.append((quiz, strings.text("author_read_quiz", language, [title]), true))
            }
        }
        let textual = Set(files.keys).union(previous.keys).filter(Self.isText).subtracting(["course.yaml"])
        for path in textual.sorted() where !parts.contains(where: { $0.path == path }) {
            parts.append((path, path, path.hasPrefix("quizzes/")))
        }
        let course = section(
            strings.text("author_read_course", language), old: before.map(reading) ?? text(previous["course.yaml"]),
            new: document.map(reading) ?? text(files["course.yaml"]), hadOld: previous["course.yaml"] != nil,
            hasNew: files["course.yaml"] != nil, hasPrevious: hasPrevious)
        return [course]
            + parts.map { part in
                let (old, new) = (text(previous[part.path]), text(files[part.path]))
                guard part.quiz else {
                    return section(
                        part.heading, old: old, new: new, hadOld: previous[part.path] != nil,
                        hasNew: files[part.path] != nil, hasPrevious: hasPrevious, html: html[part.path])
                }
                let quiz = QuizReading(file: new, path: part.path, strings: strings, language: language)
                let oldQuiz = QuizReading(file: old, path: part.path, strings: strings, language: language)
                return section(
                    part.heading, old: oldQuiz?.text(strings: strings, language: language) ?? old,
                    new: quiz?.text(strings: strings, language: language) ?? new, hadOld: previous[part.path] != nil,
                    hasNew: files[part.path] != nil, hasPrevious: hasPrevious, quiz: quiz)
            }
    }

    func section(
        _ heading: String, old: String, new: String, hadOld: Bool, hasNew: Bool, hasPrevious: Bool,
        html: String? = nil, quiz: QuizReading? = nil
    ) -> AuthorDiffPage.Section {
        let status =
            !hasNew ? "removed" : !hadOld ? (hasPrevious ? "new" : "first") : old == new ? "same" : "changed"
        let spans =
            status == "changed"
            ? DiffSpan.spans(TextDiff.parts(old, new), marked: false, strings: strings, language: language) : []
        return AuthorDiffPage.Section(
            heading: heading, status: strings.text("author_status_\(status)", language),
            changed: status != "same" && status != "first", spans: spans, html: hasNew ? html : nil,
            quiz: hasNew ? quiz : nil, open: status == "new" || status == "first")
    }

    /// Images (and any other file not read as text): new, replaced or removed.
    func images() -> [AuthorDiffPage.Image] {
        Set(files.keys).union(previous.keys).filter { !Self.isText($0) }.sorted().compactMap { path in
            let status: String? =
                files[path] == nil
                ? "removed"
                : previous[path] == nil
                    ? "new"
                    : files[path] != previous[path]
                        ? "replaced" : nil
            return status.map {
                AuthorDiffPage.Image(path: path, status: strings.text("author_status_\($0)", language))
            }
        }
    }

    /// The course's settings in words: title, summary, its modules in order, the certificate.
    func reading(_ document: CourseDocument) -> String {
        func pick(_ text: CourseDocument.Localized) -> String { language == .en ? text.en ?? text.vi : text.vi }
        var lines = [strings.text("author_read_title", language, [pick(document.title)])]
        if let summary = document.summary {
            lines.append(strings.text("author_read_summary", language, [pick(summary)]))
        }
        for (index, module) in document.modules.enumerated() {
            var line = "\(index + 1). \(pick(module.title))"
            if let pass = module.quiz?.passPercent {
                line += " — " + strings.text("author_read_pass", language, [QuizWriter.weight(pass)])
            }
            lines.append(line)
        }
        if let certificate = document.certificate {
            let titles = certificate.requires.map { slug in document.module(slug).map { pick($0.title) } ?? slug }
            lines.append(strings.text("author_read_certificate", language, [titles.joined(separator: ", ")]))
        }
        return lines.joined(separator: "\n")
    }

    func text(_ data: Data?) -> String { data.map { String(decoding: $0, as: UTF8.self) } ?? "" }

    static func isText(_ path: String) -> Bool { [".md", ".yaml", ".yml", ".gift"].contains { path.hasSuffix($0) } }

    static func document(_ data: Data?) -> CourseDocument? {
        data.flatMap { try? YAMLDecoder().decode(CourseDocument.self, from: String(decoding: $0, as: UTF8.self)) }
    }
}
