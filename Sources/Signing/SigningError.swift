/// Errors thrown by the `Signing` module.
///
/// Every case carries enough text to be logged as is; none of them ever
/// contains key material or passwords (at most a token's "alg" value,
/// cut to 32 characters).
public enum SigningError: Error, Equatable, Sendable, CustomStringConvertible {
    /// An OpenSSL call failed; the text is the drained OpenSSL error queue
    /// (`ERR_error_string_n` output), prefixed with the failing operation.
    case openssl(String)
    /// A compact JWS could not be parsed (wrong number of parts, invalid
    /// base64url, header that is not a JSON object, unsupported header, ...).
    case malformedToken(String)
    /// The token names an algorithm other than RS256 (or none at all).
    case unsupportedAlgorithm(String)
    /// The signature does not verify with the given key.
    case badSignature
    /// A key could not be loaded, built or accepted (wrong type, size, PEM, ...).
    case invalidKey(String)
    /// An argument is outside the accepted range (negative byte count,
    /// invalid scrypt parameters, ...).
    case invalidArgument(String)
    /// A file-system operation failed (the text includes `strerror`).
    case io(String)

    /// A human-readable description of the error.
    public var description: String {
        switch self {
        case .openssl(let message): return "OpenSSL error: \(message)"
        case .malformedToken(let message): return "malformed token: \(message)"
        case .unsupportedAlgorithm(let alg): return "unsupported algorithm: \(alg)"
        case .badSignature: return "bad signature"
        case .invalidKey(let message): return "invalid key: \(message)"
        case .invalidArgument(let message): return "invalid argument: \(message)"
        case .io(let message): return "I/O error: \(message)"
        }
    }
}
