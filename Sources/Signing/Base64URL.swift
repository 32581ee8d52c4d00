/// Base64url (RFC 4648 section 5) without padding, as used by JWS and JWK.
public enum Base64URL {
    /// Encodes `bytes` as base64url without "=" padding.
    public static func encode(_ bytes: [UInt8]) -> String {
        Base64Codec.url.encode(bytes)
    }

    /// Decodes unpadded base64url.
    ///
    /// Strict: returns nil for characters outside `A-Z a-z 0-9 - _`
    /// (padding "=", "+", "/", whitespace included), for an impossible length,
    /// and for non-canonical input whose unused trailing bits are not zero.
    public static func decode(_ string: String) -> [UInt8]? {
        Base64Codec.url.decode(string)
    }
}
