import Foundation
import Hummingbird

/// The quiz editor: every question type in a form, the quiz settings, and GIFT text pasted to add questions.
/// The quiz file keeps its format (GIFT or YAML); a module without a quiz gets `quizzes/<module>.yaml`.
struct QuizEditor {
    let drafts: DraftStore
    let authoring: AuthoringController
    let pages: PageRenderer

    var endpoints: RouteCollection<AppRequestContext> {
        let routes = RouteCollection(context: AppRequestContext.self)
        routes.add(middleware: RequireRole(.trainer))
        routes.get("/author/courses/:slug/modules/:module/quiz", use: edit)
        routes.post("/author/courses/:slug/modules/:module/quiz", use: save)
        return routes
    }

    func target(_ context: AppRequestContext) throws -> (String, CourseDocument, CourseDocument.Module) {
        let slug = try authoring.slug(context)
        let document = try authoring.document(slug)
        let module = context.parameters.get("module") ?? ""
        guard let entry = document.module(module) else { throw AuthoringError.noSuchModule(module) }
        return (slug, document, entry)
    }

    func file(_ module: CourseDocument.Module) -> String { module.quiz?.file ?? "quizzes/\(module.slug).yaml" }

    func text(_ slug: String, _ file: String) -> String {
        drafts.read(slug, file) ?? (try? String(contentsOfFile: drafts.published(slug) + "/" + file, encoding: .utf8))
            ?? ""
    }

    /// The quiz as it is now, as a form.
    @Sendable func edit(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (slug, _, module) = try target(context)
        let path = file(module)
        let current = text(slug, path)
        let loaded = current.isEmpty ? nil : QuizFileLoader.loadFile(text: current, path: path)
        let done = try FormBody.query(AuthoringController.DoneQuery.self, from: request).done == "saved"
        var page = quizPage(
            slug, module, form: QuizForm(questions: loaded?.questions ?? []), settings: module.quiz,
            base: Digest256.hex(current), context)
        if done { page.message = pages.text("author_done_saved", context) }
        if loaded?.groups != nil { page.error = pages.text("author_quiz_grouped", context) }
        return pages.render(page, request: request, context: context)
    }

    func quizPage(
        _ slug: String, _ module: CourseDocument.Module, form: QuizForm, settings: CourseDocument.QuizSettings?,
        base: String, _ context: AppRequestContext, problems: [CourseProblem] = []
    ) -> AuthorQuizPage {
        AuthorQuizPage(
            slug: slug, module: module, file: file(module), form: form, settings: settings, base: base,
            problems: problems, strings: pages.strings, language: context.language)
    }

    /// Saves the questions and settings after the validator accepts them; otherwise shows what is wrong, with
    /// everything typed kept.
    @Sendable func save(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (slug, document, module) = try target(context)
        // FormData: the question rows are numbered fields (q0_text, q0_c1_text, …) that no fixed struct names.
        let form = try await FormData.read(request, context: context)
        let path = file(module)
        var quizForm = QuizForm(form: form)
        // The form has no groups: saving it would flatten a grouped file and lose every group's draw.
        let existing = text(slug, path)
        if !existing.isEmpty, QuizFileLoader.loadFile(text: existing, path: path).groups != nil {
            var page = quizPage(
                slug, module, form: quizForm, settings: settings(form, path), base: Digest256.hex(existing), context)
            page.error = pages.text("author_quiz_grouped", context)
            return pages.render(page, request: request, context: context, status: .conflict)
        }
        var questions = quizForm.build()
        if let gift = form.raw("gift"), !gift.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            let parsed = GIFTParser().parse(gift, path: "GIFT")
            guard parsed.problems.isEmpty else {
                var page = quizPage(
                    slug, module, form: quizForm, settings: settings(form, path), base: form["base"] ?? "", context,
                    problems: parsed.problems)
                page.gift = gift
                page.error = pages.text("author_refused", context)
                return pages.render(page, request: request, context: context, status: .unprocessableContent)
            }
            questions += parsed.questions
            quizForm = QuizForm(questions: questions)
        }
        let current = text(slug, path)
        // Someone else saved since this form was made: nothing is written until the trainer chooses (issue 16).
        guard Digest256.hex(current) == form["base"] else {
            return try await conflict(slug, module, path, mine: questions, theirs: current, form, request, context)
        }
        var updated = document
        if let index = updated.modules.firstIndex(where: { $0.slug == module.slug }) {
            updated.modules[index].quiz = settings(form, path)
        }
        let written = try QuizWriter.text(questions, path: path)
        let problems = try drafts.save(
            slug, files: [path: Data(written.utf8), "course.yaml": Data(try updated.yaml().utf8)])
        guard problems.isEmpty else {
            var page = quizPage(
                slug, module, form: quizForm, settings: settings(form, path), base: form["base"] ?? "", context,
                problems: problems)
            page.error = pages.text("author_refused", context)
            return pages.render(page, request: request, context: context, status: .unprocessableContent)
        }
        try await authoring.recordSave(
            slug, path, text: written, replacing: current, resolution: form["resolution"], context: context)
        return .redirect(to: SitePath.authorQuiz(slug, module.slug) + "?done=saved", type: .normal)
    }

    func settings(_ form: FormData, _ path: String) -> CourseDocument.QuizSettings {
        CourseDocument.QuizSettings(
            file: path, passPercent: Grader.number(form["pass"] ?? ""), maxAttempts: Int(form["attempts"] ?? ""),
            timeLimitMinutes: Int(form["time"] ?? ""), shuffleQuestions: form["shuffle_questions"] != nil,
            shuffleChoices: form["shuffle_choices"] != nil, draw: Int(form["draw"] ?? ""), review: form["review"])
    }
}
