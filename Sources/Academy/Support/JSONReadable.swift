/// A type read from a JSON object, such as a request body (see `JSONBody`): it names each field as the wire writes
/// it (snake_case, as API.md says), so no key strategy can rename a field, or a question id used as a key.
protocol JSONReadable {
    init(json: JSONObject) throws(JSONMismatch)
}
