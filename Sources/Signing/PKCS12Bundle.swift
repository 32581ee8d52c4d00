import COpenSSL

/// An organisation's key and certificate as a CA hands them out: a PKCS#12 (`.p12`, `.pfx`) file.
public struct PKCS12Bundle: Sendable {
    public var key: RSAPrivateKey
    public var certificate: X509Certificate
    /// The issuing CAs, nearest first, as far as the file carries them.
    public var chain: [X509Certificate]

    /// Opens `der` with `password`; the key must be RSA (the Open Badge credentials are RS256).
    public init(der: [UInt8], password: String) throws {
        let p12 = der.withUnsafeBufferPointer { buffer -> OpaquePointer? in
            var cursor = buffer.baseAddress
            return d2i_PKCS12(nil, &cursor, buffer.count)
        }
        guard let p12 else { throw SigningError.invalidArgument("not a PKCS#12 file (\(OpenSSLErrorQueue.drain()))") }
        defer { PKCS12_free(p12) }
        var pkey: OpaquePointer?
        var x509: OpaquePointer?
        var cas: OpaquePointer?
        guard PKCS12_parse(p12, password, &pkey, &x509, &cas) == 1 else {
            throw SigningError.invalidArgument("cannot open the PKCS#12 file: wrong password or damaged file")
        }
        let chain = cas.map(X509Certificate.takeAll) ?? []
        guard let x509 else {
            if let pkey { EVP_PKEY_free(pkey) }
            throw SigningError.invalidArgument("the PKCS#12 file holds no certificate for its key")
        }
        let certificate = X509Certificate(taking: x509)
        guard let pkey else { throw SigningError.invalidArgument("the PKCS#12 file holds no private key") }
        let key = try RSAPrivateKey(takingKey: pkey)
        guard certificate.matches(key) else {
            throw SigningError.invalidArgument("the certificate in the PKCS#12 file is not for its private key")
        }
        self.key = key
        self.certificate = certificate
        self.chain = chain
    }
}
