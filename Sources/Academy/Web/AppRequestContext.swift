import Foundation
import Hummingbird

/// The per-request state every handler sees: the language of the page and, once signed in, the user.
public struct AppRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The language pages and error messages are written in for this request.
    public var language: Language = .vi
    /// Set when the language was chosen with `?lang=`, so the response remembers it in a cookie.
    public var rememberLanguage = false

    /// The signed-in person, if any (set by `AuthMiddleware`).
    public var signedIn: SignedIn?
    /// The signed-in person's user row, if any.
    public var user: User? { signedIn?.user }
    /// The session the request came with, so sign-out can end it.
    public var sessionID: Int64?
    /// True when the caller authenticated with `Authorization: Bearer`, which needs no CSRF token.
    public var viaBearer = false
    /// The CSRF token of this browser, to put in forms (see `CSRF`).
    public var csrfToken = ""
    /// Whether the response must set the CSRF cookie because the browser did not have one.
    public var issueCSRFCookie = false
    /// The address of the connection's other end: the client, or a reverse proxy in front of the server.
    public let peerAddress: String?
    /// The client's IP address, for throttling and the audit log: the peer's, or the one a trusted proxy
    /// forwarded (set by `ClientAddressMiddleware`, see `ClientAddress`).
    public var remoteAddress: String?

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.peerAddress = source.channel.remoteAddress?.ipAddress
        self.remoteAddress = peerAddress
    }

    /// JSON responses, written by the one shared encoder `AppJSON.api` (request bodies are read by `JSONBody`).
    public var responseEncoder: JSONEncoder { AppJSON.api }

    /// The most this request's body may hold, chosen for its route by `BodyLimitMiddleware` before anything reads
    /// the body; every `collectBody` uses it.
    public var bodyLimit = BodyLimit.anonymous
}
