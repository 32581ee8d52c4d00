/// A JSON document as `JSONReader` reads it: what a body holds before a type takes what it needs (`JSONObject`).
///
/// Also the type for JSON whose shape is open, such as a credential's claims shown exactly as they were signed.
indirect enum JSONValue: Sendable, Equatable {
    case object([String: JSONValue])
    case array([JSONValue])
    case string(String)
    /// The number as written: its grammar is checked, but no body has a number field yet to say what range it needs.
    case number(String)
    case bool(Bool)
    case null
}

extension JSONValue: Encodable {
    /// Writes the value back as it was read; object keys are written as they are, whatever the encoder's key strategy
    /// (a `[String: …]` dictionary's keys are not converted), so signed claims keep their names.
    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .object(let fields): try container.encode(fields)
        case .array(let items): try container.encode(items)
        case .string(let text): try container.encode(text)
        case .number(let text):
            if let integer = Int64(text) {
                try container.encode(integer)
            } else {
                try container.encode(Double(text) ?? 0)
            }
        case .bool(let flag): try container.encode(flag)
        case .null: try container.encodeNil()
        }
    }
}
