extension ImportController {
    /// The import form sent without a file (the CSV pasted into the text box).
    struct PastedForm: Decodable {
        var csv: String?
        var dryRun: String?

        enum CodingKeys: String, CodingKey {
            case csv
            case dryRun = "dry_run"
        }
    }
}
