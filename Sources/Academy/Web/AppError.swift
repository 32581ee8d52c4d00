import Hummingbird

/// An error a person can act on, mapped to HTTP at the edge: a JSON error under `/api/`, a page elsewhere.
///
/// The message comes from the strings of the request's language (`error.<code>`); `arguments` fill `{0}`, `{1}`….
public struct AppError: Error, Sendable, Equatable {
    public var status: HTTPResponse.Status
    public var code: String
    public var arguments: [String]

    public init(_ status: HTTPResponse.Status, _ code: String, _ arguments: String...) {
        self.status = status
        self.code = code
        self.arguments = arguments
    }

    public init(_ status: HTTPResponse.Status, code: String, arguments: [String]) {
        self.status = status
        self.code = code
        self.arguments = arguments
    }

    public static let notFound = AppError(.notFound, "not_found")
    public static let forbidden = AppError(.forbidden, "forbidden")
    public static let unauthorized = AppError(.unauthorized, "unauthorized")
}
