import COpenSSL

/// Information about the OpenSSL library linked at run time.
public enum OpenSSLInfo {
    /// The version text of the linked library, e.g. "OpenSSL 3.0.19 27 Jan 2026"
    /// (`OpenSSL_version(OPENSSL_VERSION)`).
    public static var version: String {
        guard let text = OpenSSL_version(OPENSSL_VERSION) else { return "unknown" }
        return String(cString: text)
    }

    /// The numeric version of the linked library (`OpenSSL_version_num()`),
    /// e.g. 0x30000130 for 3.0.19.
    public static var versionNumber: UInt {
        UInt(OpenSSL_version_num())
    }
}
