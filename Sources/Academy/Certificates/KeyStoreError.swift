/// Why the signing keys cannot be used: stops start-up with a message naming the file and what to do.
public enum KeyStoreError: Error, Equatable, CustomStringConvertible {
    /// The active key's private key file is missing, unreadable or not a usable RSA private key.
    case unreadable(kid: String, path: String, reason: String)

    public var description: String {
        switch self {
        case .unreadable(let kid, let path, let reason):
            "the active certificate signing key \(kid) cannot be read from \(path): \(reason). "
                + "Restore that file from a backup (mode 0600), or, if it is lost for good, make a new key with "
                + "`academy keys rotate` (certificates already signed with \(kid) keep verifying)."
        }
    }
}
