#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// An IPv4 or IPv6 address as bytes, so that one address written in different ways is one value.
///
/// An IPv4-mapped IPv6 address (`::ffff:10.0.0.1`, what a dual-stack socket reports) is the IPv4 address.
public struct IPAddress: Sendable, Hashable, CustomStringConvertible {
    /// 4 bytes for IPv4, 16 for IPv6, in network order.
    public let bytes: [UInt8]

    public var isIPv4: Bool { bytes.count == 4 }

    init(bytes: [UInt8]) {
        if bytes.count == 16, bytes[0..<10].allSatisfy({ $0 == 0 }), bytes[10] == 0xff, bytes[11] == 0xff {
            self.bytes = Array(bytes[12...])
        } else {
            self.bytes = bytes
        }
    }

    /// Reads `10.0.0.1`, `2001:db8::1`, `[2001:db8::1]` or `fe80::1%eth0` (the zone is dropped); nil otherwise.
    public init?(_ text: some StringProtocol) {
        var text = Substring(text)
        if text.hasPrefix("["), text.hasSuffix("]") { text = text.dropFirst().dropLast() }
        if let percent = text.firstIndex(of: "%") { text = text[..<percent] }
        // The longest textual address is 45 characters; refusing more keeps hostile headers cheap.
        guard !text.isEmpty, text.utf8.count <= 45 else { return nil }
        let family = text.contains(":") ? AF_INET6 : AF_INET
        var buffer = [UInt8](repeating: 0, count: family == AF_INET6 ? 16 : 4)
        let parsed = String(text).withCString { inet_pton(family, $0, &buffer) }
        guard parsed == 1 else { return nil }
        self.init(bytes: buffer)
    }

    /// The usual short form: `10.0.0.1`, `2001:db8::1`.
    public var description: String {
        var output = [CChar](repeating: 0, count: 64)
        let family = isIPv4 ? AF_INET : AF_INET6
        let written = bytes.withUnsafeBufferPointer { input in
            inet_ntop(family, input.baseAddress, &output, socklen_t(output.count))
        }
        guard written != nil else { return bytes.map(String.init).joined(separator: ".") }
        return String(decoding: output.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// The first `prefix` bits of the address, the rest zero.
    func masked(to prefix: Int) -> IPAddress {
        var bytes = self.bytes
        for index in bytes.indices {
            let keep = min(max(prefix - index * 8, 0), 8)
            bytes[index] &= keep == 0 ? 0 : UInt8(truncatingIfNeeded: 0xff << (8 - keep))
        }
        return IPAddress(bytes: bytes)
    }

    /// How a client is counted by throttles: an IPv4 address as it is, an IPv6 address by its /64, because one
    /// home, office or phone network is handed a whole /64 and can pick any address in it.
    public var clientKey: String { isIPv4 ? description : masked(to: 64).description + "/64" }
}

/// A range of addresses in CIDR notation (`10.0.0.0/8`, `fd00::/8`), or one address (`127.0.0.1`).
public struct IPRange: Sendable, Hashable, CustomStringConvertible {
    public let network: IPAddress
    public let prefix: Int

    /// Reads `10.0.0.0/8`, `2001:db8::/32`, `127.0.0.1` or `::1`; nil when it is not one of those.
    /// Bits past the prefix are ignored (`10.1.2.3/8` is `10.0.0.0/8`).
    public init?(_ text: some StringProtocol) {
        let parts = text.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        guard let first = parts.first, !first.contains("%"), let address = IPAddress(first) else { return nil }
        var prefix = address.bytes.count * 8
        if parts.count == 2 {
            guard parts[1].allSatisfy({ ("0"..."9").contains($0) }), parts[1].count <= 3, let bits = Int(parts[1])
            else { return nil }
            // `::ffff:10.0.0.0/104` names IPv4 addresses, which `IPAddress` keeps as 4 bytes.
            let mapped = address.isIPv4 && first.contains(":")
            prefix = mapped ? bits - 96 : bits
            guard (0...address.bytes.count * 8).contains(prefix) else { return nil }
        }
        self.network = address.masked(to: prefix)
        self.prefix = prefix
    }

    public func contains(_ address: IPAddress) -> Bool {
        address.bytes.count == network.bytes.count && address.masked(to: prefix) == network
    }

    public var description: String { "\(network)/\(prefix)" }
}
