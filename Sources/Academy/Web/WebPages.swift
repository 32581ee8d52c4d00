/// The pages of the site's frame.
enum WebPages {
    static let all: [any Page.Type] = [ErrorPage.self]
}

/// An error a person can act on: what went wrong and the way home.
struct ErrorPage: Page {
    static let template = "error"

    let title: String
    let message: String
}
