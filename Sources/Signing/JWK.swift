/// An RSA public JSON Web Key (RFC 7517) for RS256 signatures.
///
/// `n` and `e` are base64url without padding, as in the RFC.
public struct JWK: Codable, Sendable, Equatable, Hashable {
    /// Key type; always "RSA" for keys produced here.
    public var kty: String
    /// Modulus, base64url big-endian.
    public var n: String
    /// Public exponent, base64url big-endian.
    public var e: String
    /// Key id, used to pick the key named by a token's "kid" header.
    public var kid: String
    /// Algorithm; "RS256".
    public var alg: String
    /// Intended use; "sig".
    public var use: String

    /// Creates a JWK; `kty`, `alg` and `use` default to "RSA", "RS256", "sig".
    public init(n: String, e: String, kid: String, kty: String = "RSA", alg: String = "RS256", use: String = "sig") {
        self.kty = kty
        self.n = n
        self.e = e
        self.kid = kid
        self.alg = alg
        self.use = use
    }

    /// Builds the public key this JWK describes.
    ///
    /// - Throws: `.invalidKey` if `kty` is not "RSA", `alg` is not "RS256",
    ///   `n`/`e` are not valid base64url, or the key itself is unacceptable.
    public func publicKey() throws -> RSAPublicKey {
        guard kty == "RSA" else { throw SigningError.invalidKey("JWK kty \(kty) is not RSA") }
        guard alg == "RS256" else { throw SigningError.invalidKey("JWK alg \(alg) is not RS256") }
        guard let modulus = Base64URL.decode(n), let exponent = Base64URL.decode(e) else {
            throw SigningError.invalidKey("JWK n/e are not valid base64url")
        }
        return try RSAPublicKey(n: modulus, e: exponent)
    }
}
