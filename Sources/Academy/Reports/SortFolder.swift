/// Folds texts for sorting once per distinct value: 10,000 people share 9 positions and 138 communes, and folding
/// (`Text.searchKey`) costs far more than a dictionary look-up. Lives for one request.
final class SortFolder {
    private var folded: [String: SortValue] = [:]

    func callAsFunction(_ text: String) -> SortValue {
        if let known = folded[text] { return known }
        let value = SortValue.words(text)
        folded[text] = value
        return value
    }
}
