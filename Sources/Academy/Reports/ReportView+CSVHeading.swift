extension ReportView {
    /// A column's heading in the CSV, saying how its values are written (`CSVHeading`, issue 16).
    func csvHeading(_ key: String) -> String { CSVHeading.text(key, strings: strings, language: language) }
}
