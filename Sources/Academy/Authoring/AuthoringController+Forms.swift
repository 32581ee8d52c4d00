extension AuthoringController {
    /// `?done=`: what the last step did, for the message on the page it leads to (also `?image=` on the lesson).
    struct DoneQuery: Decodable {
        @Trimmed var done: String?
        @Trimmed var image: String?
    }

    /// The new-course form.
    struct NewCourseForm: Decodable {
        @Trimmed var slug: String?
        @Trimmed var titleVI: String?
        @Trimmed var titleEN: String?
        @Trimmed var summaryVI: String?
        @Trimmed var summaryEN: String?
        @Trimmed var moduleTitle: String?
        @Trimmed var language: String?

        enum CodingKeys: String, CodingKey {
            case slug, language
            case titleVI = "title_vi"
            case titleEN = "title_en"
            case summaryVI = "summary_vi"
            case summaryEN = "summary_en"
            case moduleTitle = "module_title"
        }
    }

    /// The publish form.
    struct PublishForm: Decodable {
        @Trimmed var note: String?
    }

    /// The new-module form; `base` is the course.yaml the page was made from (see `change`).
    struct ModuleForm: Decodable {
        @Trimmed var slug: String?
        @Trimmed var titleVI: String?
        @Trimmed var titleEN: String?
        @Trimmed var base: String?
        /// The conflict page's choice ("keep_mine") when the form came from there.
        @Trimmed var resolution: String?

        enum CodingKeys: String, CodingKey {
            case slug = "module_slug"
            case titleVI = "module_title_vi"
            case titleEN = "module_title_en"
            case base, resolution
        }
    }

    /// The buttons that move a module up or down.
    struct MoveForm: Decodable {
        @Trimmed var direction: String?
        @Trimmed var base: String?
        @Trimmed var resolution: String?
    }

    /// The remove-module form.
    struct RemoveForm: Decodable {
        var confirm: String?
        @Trimmed var base: String?
        @Trimmed var resolution: String?
    }
}

extension LessonEditor {
    /// The lesson editor's form: the Markdown as typed, the text it was based on, and which button was pressed.
    struct LessonForm: Decodable {
        var markdown: String?
        @Trimmed var base: String?
        @Trimmed var action: String?
        /// The conflict page's choice (`keep_mine`, `merged`), recorded with the save.
        @Trimmed var resolution: String?
    }
}
