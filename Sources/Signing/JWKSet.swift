/// A JSON Web Key Set (`{"keys": [...]}`), as served at a JWKS endpoint.
public struct JWKSet: Codable, Sendable, Equatable, Hashable {
    /// The keys in the set.
    public var keys: [JWK]

    /// Creates a set from `keys`.
    public init(keys: [JWK]) {
        self.keys = keys
    }

    /// The first key whose "kid" equals `kid`, if any.
    public func key(kid: String) -> JWK? {
        keys.first { $0.kid == kid }
    }
}
