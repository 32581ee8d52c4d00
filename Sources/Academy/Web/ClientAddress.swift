import HTTPTypes
import Hummingbird

/// Who the client is when the server sits behind reverse proxies we trust (issue 13, point 7).
public enum ClientAddress {
    /// The client's address: the peer's own unless the peer is a trusted proxy; then the rightmost
    /// `X-Forwarded-For` hop that is not itself a trusted proxy.
    ///
    /// Each proxy appends the address it received the request from, so only the hops added by our own proxies can
    /// be believed; everything left of the first untrusted hop may have been written by the client. A hop that is
    /// not an address ends the walk at the last one believed.
    ///
    /// - Parameters:
    ///   - peer: the address of the direct peer of the connection (nil when there is none, as in router tests).
    ///   - forwardedFor: every `X-Forwarded-For` header value, in the order received.
    ///   - trusted: the `trusted_proxies` setting.
    public static func resolve(peer: String?, forwardedFor: [String], trusted: [IPRange]) -> String? {
        guard let peer else { return nil }
        guard let peerAddress = IPAddress(peer) else { return peer }
        func isTrusted(_ address: IPAddress) -> Bool { trusted.contains { $0.contains(address) } }
        var client = peerAddress
        guard isTrusted(client) else { return client.description }
        let hops = forwardedFor.flatMap { $0.split(separator: ",") }
        for hop in hops.reversed() {
            guard let address = hopAddress(hop) else { break }
            client = address
            if !isTrusted(address) { break }
        }
        return client.description
    }

    /// One hop of the header: an address, possibly with a port (`10.0.0.1:5000`, `[2001:db8::1]:443`).
    static func hopAddress(_ hop: Substring) -> IPAddress? {
        let text = hop.trimmingCharacters(in: .whitespaces)
        if let address = IPAddress(text) { return address }
        if text.hasPrefix("["), let close = text.firstIndex(of: "]") {
            return IPAddress(text[text.index(after: text.startIndex)..<close])
        }
        let parts = text.split(separator: ":")
        if parts.count == 2, let address = IPAddress(parts[0]), address.isIPv4 { return address }
        return nil
    }
}

/// Sets `AppRequestContext.remoteAddress` from the connection and, behind trusted proxies, `X-Forwarded-For`.
/// Runs first, so the request log, the throttles and the audit log all see the same client.
struct ClientAddressMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let trusted: [IPRange]

    static let forwardedFor = HTTPField.Name("X-Forwarded-For")

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        var context = context
        var hops: [String] = []
        if !trusted.isEmpty, let name = Self.forwardedFor { hops = request.headers[values: name] }
        context.remoteAddress = ClientAddress.resolve(peer: context.peerAddress, forwardedFor: hops, trusted: trusted)
        return try await next(request, context)
    }
}
