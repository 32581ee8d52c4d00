import Hummingbird

extension LessonEditor {
    /// The lesson someone else saved meanwhile against the one typed here (issue 16, point 7).
    func conflict(
        _ slug: String, _ module: CourseDocument.Module, _ file: String, mine: String, theirs: String,
        _ request: Request, _ context: AppRequestContext
    ) async throws -> Response {
        let conflict = AuthoringController.Conflict(
            slug: slug, file: file, what: module.title.vi, mine: mine, theirs: theirs, theirsFile: theirs,
            action: SitePath.authorLesson(slug, module.slug),
            keepFields: [.init(name: "markdown", value: mine), .init(name: "action", value: "save")],
            editorURL: SitePath.authorLesson(slug, module.slug), merge: mine)
        return try await authoring.conflict(conflict, request: request, context: context)
    }
}
