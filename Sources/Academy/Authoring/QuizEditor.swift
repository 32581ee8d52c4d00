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

    /// What a save of the form did.
    enum Saved: Sendable {
        /// Written; the quiz file it replaced.
        case saved(replaced: String)
        /// Someone saved since the form's `base`: their file.
        case conflict(String)
        /// The validator's problems about the whole course; nothing was written.
        case refused([CourseProblem])
    }

    func file(_ module: CourseDocument.Module) -> String { module.quiz?.file ?? "quizzes/\(module.slug).yaml" }

    func text(_ slug: String, _ file: String) -> String { drafts.current(slug, file) ?? "" }

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
        base: String, _ context: AppRequestContext, errors: QuizFormErrors = .init()
    ) -> AuthorQuizPage {
        AuthorQuizPage(
            slug: slug, module: module, file: file(module), form: form, settings: settings, base: base,
            errors: errors, strings: pages.strings, language: context.language)
    }

    /// Saves the questions and settings after the validator accepts them; otherwise shows what is wrong beside each
    /// field, with everything typed kept. "+ Thêm lựa chọn" and "+ Thêm câu hỏi" without JavaScript come here too.
    @Sendable func save(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (slug, _, module) = try target(context)
        // FormData: the question rows are numbered fields (q0_text, q0_c1_text, …) that no fixed struct names.
        let form = try await FormData.read(request, context: context)
        let path = file(module)
        var quizForm = QuizForm(form: form)
        let gift = form.raw("gift") ?? ""
        if adding(&quizForm, form) {
            var page = quizPage(
                slug, module, form: quizForm, settings: settings(form, path), base: form["base"] ?? "", context)
            page.gift = gift
            return pages.render(page, request: request, context: context)
        }
        // The form has no groups: saving it would flatten a grouped file and lose every group's draw.
        let existing = text(slug, path)
        if !existing.isEmpty, QuizFileLoader.loadFile(text: existing, path: path).groups != nil {
            var page = quizPage(
                slug, module, form: quizForm, settings: settings(form, path), base: Digest256.hex(existing), context)
            page.error = pages.text("author_quiz_grouped", context)
            return pages.render(page, request: request, context: context, status: .conflict)
        }
        var giftProblems: [CourseProblem] = []
        if !gift.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            let parsed = GIFTParser().parse(gift, path: "GIFT")
            giftProblems = parsed.problems
            if giftProblems.isEmpty { quizForm.append(parsed.questions) }
        }
        let questions = quizForm.build()
        var formProblems = Question.duplicateIDs(questions, path: path) + questions.flatMap { $0.problems(path: path) }
        if questions.isEmpty && giftProblems.isEmpty {
            let blank = quizForm.questions.lastIndex(where: \.isBlank) ?? quizForm.questions.count
            formProblems.append(CourseProblem(path: path, line: blank + 1, .quizEmpty))
        }
        guard formProblems.isEmpty && giftProblems.isEmpty else {
            var page = refused(slug, module, quizForm, form, context, form: formProblems, gift: giftProblems)
            if !giftProblems.isEmpty { page.gift = gift }
            return pages.render(page, request: request, context: context, status: .unprocessableContent)
        }
        let written = try QuizWriter.text(questions, path: path)
        let quiz = settings(form, path)
        // Someone else saved since this form was made: nothing is written until the trainer chooses (issue 16). The
        // check, a fresh read of course.yaml (another trainer may have added a module meanwhile) and the save are
        // one step under the course's lock, off the event loop: the save copies and validates the whole course.
        let outcome: Saved = try await Blocking.run { [self] in
            try drafts.exclusive(slug) {
                let current = text(slug, path)
                guard Digest256.hex(current) == form["base"] else { return .conflict(current) }
                var updated = try authoring.document(slug)
                if let index = updated.modules.firstIndex(where: { $0.slug == module.slug }) {
                    updated.modules[index].quiz = quiz
                }
                let problems = try drafts.save(
                    slug, files: [path: Data(written.utf8), "course.yaml": Data(try updated.yaml().utf8)])
                return problems.isEmpty ? .saved(replaced: current) : .refused(problems)
            }
        }
        let current: String
        switch outcome {
        case .conflict(let theirs):
            return try await conflict(slug, module, path, mine: questions, theirs: theirs, form, request, context)
        case .refused(let problems):
            let page = refused(slug, module, quizForm, form, context, file: problems)
            return pages.render(page, request: request, context: context, status: .unprocessableContent)
        case .saved(let replaced): current = replaced
        }
        try await authoring.recordSave(
            slug, path, text: written, replacing: current, resolution: form["resolution"], context: context)
        return .redirect(to: SitePath.authorQuiz(slug, module.slug) + "?done=saved", type: .normal)
    }

    /// Applies a pressed "+ Thêm lựa chọn" (`add_choice` = the question's block) or "+ Thêm câu hỏi" to the form;
    /// false when neither was pressed. (The buttons' `formaction` ends in `#` and their own id, so the browser
    /// comes back to where the person was.)
    func adding(_ quizForm: inout QuizForm, _ form: FormData) -> Bool {
        if let block = form["add_choice"].flatMap({ Int($0) }) {
            quizForm.addChoice(to: block)
            return true
        }
        guard form["add_question"] != nil else { return false }
        if quizForm.questions.last?.isBlank != true { quizForm.addQuestion() }
        return true
    }

    /// The form refused, with every problem beside its field.
    func refused(
        _ slug: String, _ module: CourseDocument.Module, _ quizForm: QuizForm, _ form: FormData,
        _ context: AppRequestContext, form formProblems: [CourseProblem] = [], gift: [CourseProblem] = [],
        file: [CourseProblem] = []
    ) -> AuthorQuizPage {
        let errors = QuizFormErrors(
            form: formProblems, gift: gift, file: file, questions: quizForm.questions, strings: pages.strings,
            language: context.language)
        return quizPage(
            slug, module, form: quizForm, settings: settings(form, self.file(module)), base: form["base"] ?? "",
            context, errors: errors)
    }

    func settings(_ form: FormData, _ path: String) -> CourseDocument.QuizSettings {
        CourseDocument.QuizSettings(
            file: path, passPercent: Grader.number(form["pass"] ?? ""), maxAttempts: Int(form["attempts"] ?? ""),
            timeLimitMinutes: Int(form["time"] ?? ""), shuffleQuestions: form["shuffle_questions"] != nil,
            shuffleChoices: form["shuffle_choices"] != nil, draw: Int(form["draw"] ?? ""), review: form["review"])
    }
}
