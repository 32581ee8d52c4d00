/// Numbers as people in each language write them: 10.000 and 42,5% in Vietnamese, 10,000 and 42.5% in English.
enum NumberText {
    static func count(_ value: Int, _ language: Language) -> String {
        let digits = String(value.magnitude)
        var grouped = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { grouped.append(language == .vi ? "." : ",") }
            grouped.append(digit)
        }
        return value < 0 ? "-" + grouped : grouped
    }

    /// A share from 0 to 1 as a percentage with at most one decimal.
    static func percent(_ share: Double, _ language: Language) -> String {
        let tenths = Int((share * 1000).rounded())
        let whole = count(tenths / 10, language)
        return tenths % 10 == 0 ? "\(whole)%" : "\(whole)\(language == .vi ? "," : ".")\(tenths % 10)%"
    }
}
