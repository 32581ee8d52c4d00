import Foundation

/// A learner's answer to one question: the choices ticked, or the text typed.
public struct QuizAnswer: Codable, Sendable, Equatable {
    public var choiceIds: [String]?
    public var text: String?

    public init(choiceIds: [String]? = nil, text: String? = nil) {
        self.choiceIds = choiceIds
        self.text = text
    }

    /// The stored form, as `AppJSON.plain` writes it (absent fields left out; tested), written directly: every
    /// autosave stores one, and the encoder cost 7× as much.
    public var json: String {
        var parts: [String] = []
        if let choiceIds {
            parts.append("\"choiceIds\":[" + choiceIds.map(JSONString.quoted).joined(separator: ",") + "]")
        }
        if let text { parts.append("\"text\":" + JSONString.quoted(text)) }
        return "{" + parts.joined(separator: ",") + "}"
    }

    public var isEmpty: Bool { (choiceIds ?? []).isEmpty && (text ?? "").trimmingCharacters(in: .whitespaces).isEmpty }
}

extension QuizAnswer: JSONReadable {
    /// `{"choice_ids": […]}` and/or `{"text": "…"}`, as API.md writes them; `choiceIds`, the stored form's name, is
    /// read too (clients could always send it), and `choice_ids` wins when both are there.
    init(json: JSONObject) throws(JSONMismatch) {
        if let ids = try json.optionalStrings("choice_ids") {
            choiceIds = ids
        } else {
            choiceIds = try json.optionalStrings("choiceIds")
        }
        text = try json.optionalString("text")
    }
}
