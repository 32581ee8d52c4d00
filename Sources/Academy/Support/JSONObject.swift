/// A JSON object being read into a type: each field by its name as the wire writes it (API.md: snake_case), with
/// the field's path kept so a wrong body gets a 400 that names the field.
struct JSONObject: Sendable {
    let fields: [String: JSONValue]
    /// Where this object is in the body, e.g. `answers.q_1`; empty at the top.
    let path: String

    init(_ fields: [String: JSONValue], path: String = "") {
        self.fields = fields
        self.path = path
    }

    /// The object `value` holds, or a wrong-type mismatch at `path`.
    init(_ value: JSONValue, path: String) throws(JSONMismatch) {
        guard case .object(let fields) = value else { throw .wrongType(path) }
        self.init(fields, path: path)
    }

    /// The path of a field of this object.
    func path(of key: String) -> String { path.isEmpty ? key : path + "." + key }

    /// A text field that must be there.
    func string(_ key: String) throws(JSONMismatch) -> String {
        guard let value = try optionalString(key) else { throw .missing(path(of: key)) }
        return value
    }

    /// A text field that may be absent or null.
    func optionalString(_ key: String) throws(JSONMismatch) -> String? {
        switch fields[key] {
        case nil, .null?: return nil
        case .string(let text)?: return text
        default: throw .wrongType(path(of: key))
        }
    }

    /// A list of texts that must be there.
    func strings(_ key: String) throws(JSONMismatch) -> [String] {
        guard let value = try optionalStrings(key) else { throw .missing(path(of: key)) }
        return value
    }

    /// A list of texts that may be absent or null.
    func optionalStrings(_ key: String) throws(JSONMismatch) -> [String]? {
        switch fields[key] {
        case nil, .null?: return nil
        case .array(let items)?:
            var texts: [String] = []
            texts.reserveCapacity(items.count)
            for item in items {
                guard case .string(let text) = item else { throw .wrongType(path(of: key)) }
                texts.append(text)
            }
            return texts
        default: throw .wrongType(path(of: key))
        }
    }

    /// A list that must be there, each item an object read by `read`.
    func objects<T>(_ key: String, _ read: (JSONObject) throws(JSONMismatch) -> T) throws(JSONMismatch) -> [T] {
        guard case .array(let items)? = fields[key] else {
            throw fields[key] == nil ? .missing(path(of: key)) : .wrongType(path(of: key))
        }
        var values: [T] = []
        values.reserveCapacity(items.count)
        for (index, item) in items.enumerated() {
            values.append(try read(try JSONObject(item, path: path(of: key) + "." + String(index))))
        }
        return values
    }

    /// An object used as a map (keys chosen by the client, such as question ids, kept exactly as written), each value
    /// an object read by `read`; nil when absent or null.
    func optionalMap<T>(_ key: String, _ read: (JSONObject) throws(JSONMismatch) -> T) throws(JSONMismatch)
        -> [String: T]?
    {
        switch fields[key] {
        case nil, .null?: return nil
        case .object(let members)?:
            var values: [String: T] = [:]
            values.reserveCapacity(members.count)
            let mapPath = path(of: key)
            for (name, member) in members {
                values[name] = try read(try JSONObject(member, path: mapPath + "." + name))
            }
            return values
        default: throw .wrongType(path(of: key))
        }
    }
}
