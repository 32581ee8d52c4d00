import Foundation
import Hummingbird

extension AuthoringController {
    /// A save that met someone else's: what each editor knows of it, to make the conflict page.
    struct Conflict {
        let slug: String
        /// The file both saved, within the course folder.
        let file: String
        /// The lesson's or quiz's title, as the sentence names it.
        let what: String
        /// Both versions as a person reads them (a lesson's Markdown; a quiz's questions in words).
        let mine: String
        let theirs: String
        /// Their file exactly as saved, whose hash every choice carries.
        let theirsFile: String
        let action: String
        let keepFields: [AuthorConflictPage.Field]
        let editorURL: String
        let merge: String?
    }

    /// The conflict page, answered 409: nothing was saved.
    func conflict(_ conflict: Conflict, request: Request, context: AppRequestContext) async throws -> Response {
        let language = context.language
        let strings = pages.strings
        let who = try await saver(conflict.slug, conflict.file, text: conflict.theirsFile)
        let name = who?.name ?? strings.text("author_someone", language)
        let time = who.map { Self.moment($0.at, language) }
        let theirsLabel =
            time.map { strings.text("author_conflict_theirs", language, [name, $0]) }
            ?? strings.text("author_conflict_theirs_unknown", language)
        let parts = TextDiff.parts(conflict.mine, conflict.theirs)
        let page = AuthorConflictPage(
            slug: conflict.slug,
            intro: strings.text("author_conflict_intro", language, [name, conflict.what, time ?? "—"]),
            mine: .init(
                label: strings.text("author_conflict_mine", language),
                spans: DiffSpan.spans(TextDiff.oldSide(parts), marked: true, strings: strings, language: language)),
            theirs: .init(
                label: theirsLabel,
                spans: DiffSpan.spans(TextDiff.newSide(parts), marked: true, strings: strings, language: language)),
            action: conflict.action, base: Digest256.hex(conflict.theirsFile), keepFields: conflict.keepFields,
            keepNote: strings.text("author_keep_mine_note", language, [name]), theirsURL: conflict.editorURL,
            merge: conflict.merge, strings: strings, language: language)
        return pages.render(page, request: request, context: context, status: .conflict)
    }

    /// Who left a file with exactly this text, and when: the draft log, else the last publish when the file is
    /// as published, else nobody known.
    func saver(_ slug: String, _ file: String, text: String) async throws -> (name: String, at: Date)? {
        if let save = try await log.saved(slug, file, version: Digest256.hex(text)) {
            return (save.saverName, save.savedAt)
        }
        let published = try? String(contentsOfFile: drafts.published(slug) + "/" + file, encoding: .utf8)
        if published ?? "" == text, let last = try await publisher.history(slug).first {
            return (last.publisherName, last.publishedAt)
        }
        return nil
    }

    /// Records a save from an editor; `resolution` is the conflict page's choice, if the save came from there.
    func recordSave(
        _ slug: String, _ file: String, text: String, replacing theirs: String?, resolution: String?,
        context: AppRequestContext
    ) async throws {
        let user = try context.requireSignedIn().user
        let kind = DraftLog.Save.Kind(rawValue: resolution ?? "") ?? .save
        let replaced = kind == .save ? nil : try await saver(slug, file, text: theirs ?? "")
        try await log.record(
            slug,
            .init(
                path: file, version: Digest256.hex(text), saverName: user.fullName, savedAt: Date(), kind: kind,
                replacedName: kind == .save ? nil : replaced?.name ?? "", replacedAt: replaced?.at),
            by: user)
    }

    /// `14:05` today, `28/11/2026 14:05` another day (`28 November 2026 14:05` in English): the day first, as
    /// the history writes it.
    static func moment(_ date: Date, _ language: Language, now: Date = Date()) -> String {
        DateText.day(date, language) == DateText.day(now, language)
            ? DateText.time(date, language) : AuthorHistoryPage.when(date, language)
    }
}
