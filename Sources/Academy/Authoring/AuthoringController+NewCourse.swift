import Foundation
import Hummingbird

extension AuthoringController {
    /// The course code a new-course form asks for: the one typed (lower-cased), or else one made from the
    /// Vietnamese title ("Chuyển đổi số" → `chuyen-doi-so`). The server's is the one used; the page's script only
    /// previews it.
    static func courseCode(_ form: NewCourseForm) -> String {
        let typed = (form.slug ?? "").lowercased()
        return typed.isEmpty ? Slug.make(form.titleVI ?? "") : typed
    }

    func courseExists(_ slug: String) -> Bool {
        drafts.hasDraft(slug) || FileManager.default.fileExists(atPath: drafts.published(slug))
    }

    /// The new-course form again, as typed, with what is wrong beside its fields and the status to send (400 for
    /// a missing title or a code that is not one, 422 for a code in use); nil when the course can be created.
    func refusal(_ form: NewCourseForm, code: String, _ context: AppRequestContext)
        -> (form: AuthorIndexPage.NewCourse, status: HTTPResponse.Status)?
    {
        var values = AuthorIndexPage.NewCourse(
            titleVI: form.titleVI ?? "", slug: form.slug ?? "", titleEN: form.titleEN ?? "",
            summaryVI: form.summaryVI ?? "", moduleTitle: form.moduleTitle ?? "", english: form.language == "en")
        var status = HTTPResponse.Status.ok
        if values.titleVI.isEmpty {
            values.titleError = pages.text("error.author_title_required", context)
            status = .badRequest
        }
        if code.isEmpty {
            if !values.titleVI.isEmpty { values.slugError = pages.text("author_slug_empty", context) }
            status = .badRequest
        } else if !CourseLoader.isSlug(code) {
            let suggestion = Slug.make(code)
            values.slugError = pages.strings.text(
                "author_slug_invalid", context.language, [suggestion.isEmpty ? "khoa-hoc-moi" : suggestion])
            status = .badRequest
        } else if courseExists(code) {
            var number = 2
            while courseExists("\(code)-\(number)") { number += 1 }
            values.slugError = pages.strings.text("author_slug_taken", context.language, [code, "\(code)-\(number)"])
            if status == .ok { status = .unprocessableContent }
        }
        guard status != .ok else { return nil }
        for (error, id) in [(values.titleError, "title_vi"), (values.slugError, "slug")] {
            if let error { values.summary.append(.init(href: "#" + id, text: error)) }
        }
        return (values, status)
    }
}
