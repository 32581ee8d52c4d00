import Foundation

/// Compact JSON Web Signatures (RFC 7515) with RS256 only.
///
/// The caller supplies the exact header and payload JSON bytes, so a token
/// is reproducible byte for byte. Verification is strict: exactly three
/// base64url parts, a JSON-object header with `"alg":"RS256"`, no "crit",
/// and a valid signature.
public enum JWS {
    /// The only accepted "alg" value.
    public static let algorithm = "RS256"

    /// Signs and returns `base64url(header).base64url(payload).base64url(sig)`.
    ///
    /// - Throws: `.malformedToken` if `header` is not a JSON object or has
    ///   "crit", `.unsupportedAlgorithm` if its "alg" is not "RS256" (so this
    ///   never produces a token `verify` would refuse), `.openssl` on failure.
    public static func sign(header: [UInt8], payload: [UInt8], key: RSAPrivateKey) throws -> String {
        try checkHeader(header)
        let signingInput = Base64URL.encode(header) + "." + Base64URL.encode(payload)
        let signature = try RSASigner.sign(Array(signingInput.utf8), with: key)
        return signingInput + "." + Base64URL.encode(signature)
    }

    /// Splits and decodes a compact token without checking the signature.
    ///
    /// - Throws: `.malformedToken` unless there are exactly three parts, each
    ///   valid unpadded base64url, and the header is a JSON object.
    public static func decode(_ token: String) throws
        -> (headerJSON: [UInt8], payloadJSON: [UInt8], signingInput: [UInt8], signature: [UInt8])
    {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3 else {
            throw SigningError.malformedToken("expected 3 parts, found \(parts.count)")
        }
        guard let header = Base64URL.decode(String(parts[0])) else {
            throw SigningError.malformedToken("header is not base64url")
        }
        guard let payload = Base64URL.decode(String(parts[1])) else {
            throw SigningError.malformedToken("payload is not base64url")
        }
        guard let signature = Base64URL.decode(String(parts[2])) else {
            throw SigningError.malformedToken("signature is not base64url")
        }
        _ = try Header.read(header)
        let signingInput = Array(parts[0].utf8) + [UInt8(ascii: ".")] + Array(parts[1].utf8)
        return (header, payload, signingInput, signature)
    }

    /// Verifies `token` with `key` and returns the header and payload JSON bytes.
    ///
    /// - Throws: `.malformedToken` (see `decode`, and for a "crit" header),
    ///   `.unsupportedAlgorithm` for a missing or non-"RS256" "alg"
    ///   (including "none", "HS256", "RS512"), `.badSignature` if the
    ///   signature does not verify under `key`.
    public static func verify(_ token: String, key: RSAPublicKey) throws -> (header: [UInt8], payload: [UInt8]) {
        let decoded = try decode(token)
        try checkHeader(decoded.headerJSON)
        guard RSASigner.verify(signature: decoded.signature, data: decoded.signingInput, key: key) else {
            throw SigningError.badSignature
        }
        return (decoded.headerJSON, decoded.payloadJSON)
    }

    /// The "kid" header of a well-formed token, without verifying it (to pick
    /// the verification key); nil if the token is malformed or has no string "kid".
    public static func headerKid(_ token: String) -> String? {
        guard let decoded = try? decode(token), let header = try? Header.read(decoded.headerJSON) else {
            return nil
        }
        return header.kid
    }

    /// Refuses headers that are not RS256 or that carry "crit".
    private static func checkHeader(_ bytes: [UInt8]) throws {
        let header = try Header.read(bytes)
        switch header.algorithm {
        case .missing: throw SigningError.unsupportedAlgorithm("missing alg")
        case .notText: throw SigningError.unsupportedAlgorithm("alg is not a string")
        case .named(let name) where name != algorithm: throw SigningError.unsupportedAlgorithm(String(name.prefix(32)))
        case .named: break
        }
        guard !header.hasCrit else {
            throw SigningError.malformedToken("crit header parameters are not supported")
        }
    }

    /// The members of a JOSE header this code looks at; any others are allowed and ignored.
    private struct Header: Decodable {
        enum Algorithm {
            case missing
            case notText
            case named(String)
        }
        var algorithm: Algorithm
        var kid: String?
        /// "crit" of any value, even null, is refused.
        var hasCrit: Bool

        enum CodingKeys: String, CodingKey {
            case alg, kid, crit
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            if !container.contains(.alg) {
                algorithm = .missing
            } else if let name = try? container.decode(String.self, forKey: .alg) {
                algorithm = .named(name)
            } else {
                algorithm = .notText
            }
            kid = try? container.decode(String.self, forKey: .kid)
            hasCrit = container.contains(.crit)
        }

        private static let decoder = JSONDecoder()

        /// Parses the header bytes, which must be a JSON object.
        static func read(_ bytes: [UInt8]) throws -> Header {
            guard let header = try? decoder.decode(Header.self, from: Data(bytes)) else {
                throw SigningError.malformedToken("header is not a JSON object")
            }
            return header
        }
    }
}
