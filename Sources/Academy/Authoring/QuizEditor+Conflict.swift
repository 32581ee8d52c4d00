import Hummingbird

extension QuizEditor {
    /// The quiz someone else saved meanwhile against the questions of this form, both as a person reads them
    /// (issue 16, point 7). "Keep mine" sends this form's fields again; merging is done in the editor, on theirs.
    func conflict(
        _ slug: String, _ module: CourseDocument.Module, _ file: String, mine: [Question], theirs: String,
        _ form: FormData, _ request: Request, _ context: AppRequestContext
    ) async throws -> Response {
        let (strings, language) = (pages.strings, context.language)
        let theirsReading = QuizReading(file: theirs, path: file, strings: strings, language: language)
        let fields = form.fields.filter { !["_csrf", "base", "resolution"].contains($0.name) }
        let conflict = AuthoringController.Conflict(
            slug: slug, file: file, what: module.title.vi,
            mine: QuizReading(mine, strings: strings, language: language).text(strings: strings, language: language),
            theirs: theirsReading?.text(strings: strings, language: language) ?? theirs, theirsFile: theirs,
            action: SitePath.authorQuiz(slug, module.slug),
            keepFields: fields.map { AuthorConflictPage.Field(name: $0.name, value: $0.value) },
            editorURL: SitePath.authorQuiz(slug, module.slug), merge: nil)
        return try await authoring.conflict(conflict, request: request, context: context)
    }
}
