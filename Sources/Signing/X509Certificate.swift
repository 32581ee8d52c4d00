import COpenSSL
import Foundation

/// An X.509 certificate (OpenSSL's `X509`): the signer's certificate of a PDF signature.
public final class X509Certificate: @unchecked Sendable {
    let pointer: OpaquePointer

    init(taking pointer: OpaquePointer) {
        self.pointer = pointer
    }

    deinit {
        X509_free(pointer)
    }

    /// The first certificate of PEM text.
    public convenience init(pem: String) throws {
        let x509 = try MemoryBIO.withReader(pem) { bio in PEM_read_bio_X509(bio, nil, nil, nil) }
        guard let x509 else { throw OpenSSLErrorQueue.error("PEM_read_bio_X509 (not a PEM certificate)") }
        self.init(taking: x509)
    }

    /// A DER-encoded certificate.
    public convenience init(der: [UInt8]) throws {
        let x509 = der.withUnsafeBufferPointer { buffer -> OpaquePointer? in
            var cursor = buffer.baseAddress
            return d2i_X509(nil, &cursor, buffer.count)
        }
        guard let x509 else { throw OpenSSLErrorQueue.error("d2i_X509 (not a DER certificate)") }
        self.init(taking: x509)
    }

    /// Every certificate of PEM text, in order (a chain file).
    public static func chain(pem: String) throws -> [X509Certificate] {
        var certificates: [X509Certificate] = []
        try MemoryBIO.withReader(pem) { bio in
            while let x509 = PEM_read_bio_X509(bio, nil, nil, nil) {
                certificates.append(X509Certificate(taking: x509))
            }
        }
        OpenSSLErrorQueue.clear()  // the end of the text leaves "no start line" in the queue
        return certificates
    }

    public var der: [UInt8] {
        (try? DER.encode("i2d_X509") { i2d_X509(pointer, $0) }) ?? []
    }

    /// Takes ownership of every certificate of an OpenSSL `STACK_OF(X509)` whose certificates the caller owns
    /// (`CMS_get1_certs`, `PKCS12_parse`), and frees the stack itself.
    static func takeAll(_ stack: OpaquePointer) -> [X509Certificate] {
        var certificates: [X509Certificate] = []
        for index in 0..<OPENSSL_sk_num(stack) {
            if let item = OPENSSL_sk_value(stack, index) {
                certificates.append(X509Certificate(taking: OpaquePointer(item)))
            }
        }
        OPENSSL_sk_free(stack)
        return certificates
    }

    public func pemRepresentation() throws -> String {
        try MemoryBIO.collect("PEM_write_bio_X509") { bio in PEM_write_bio_X509(bio, pointer) }
    }

    /// SHA-256 of the DER encoding, lowercase hex: how certificates are told apart and published.
    public var fingerprintSHA256: String { Digest.sha256Hex(der) }

    /// The subject as one line, RFC 2253 style ("CN=…,O=…,C=VN"), UTF-8.
    public var subject: String { Self.line(X509_get_subject_name(pointer)) }
    public var issuer: String { Self.line(X509_get_issuer_name(pointer)) }
    /// The subject's common name, else the whole subject.
    public var commonName: String {
        guard let name = X509_get_subject_name(pointer) else { return subject }
        let index = X509_NAME_get_index_by_NID(name, NID_commonName, -1)
        guard index >= 0, let entry = X509_NAME_get_entry(name, index),
            let data = X509_NAME_ENTRY_get_data(entry)
        else { return subject }
        var utf8: UnsafeMutablePointer<UInt8>?
        let length = ASN1_STRING_to_UTF8(&utf8, data)
        guard length >= 0, let utf8 else { return subject }
        defer { CRYPTO_free(utf8, #file, #line) }
        return String(decoding: UnsafeBufferPointer(start: utf8, count: Int(length)), as: UTF8.self)
    }

    public var notBefore: Date? { Self.date(X509_get0_notBefore(pointer)) }
    public var notAfter: Date? { Self.date(X509_get0_notAfter(pointer)) }
    public var isSelfIssued: Bool { X509_NAME_cmp(X509_get_subject_name(pointer), X509_get_issuer_name(pointer)) == 0 }

    /// Whether `key` is this certificate's key.
    public func matches(_ key: RSAPrivateKey) -> Bool {
        defer { OpenSSLErrorQueue.clear() }
        return X509_check_private_key(pointer, key.pointer) == 1
    }

    /// Whether `issuer` signed this certificate.
    public func isSigned(by issuer: X509Certificate) -> Bool {
        defer { OpenSSLErrorQueue.clear() }
        guard let key = X509_get0_pubkey(issuer.pointer) else { return false }
        return X509_verify(pointer, key) == 1
    }

    /// The public key, as the JWKS publishes keys.
    public func publicKey() throws -> RSAPublicKey {
        guard let key = X509_get0_pubkey(pointer) else { throw OpenSSLErrorQueue.keyError("X509_get0_pubkey") }
        return try RSAPublicKey(taking: PKey.fromPublicDER(PKey.publicDER(key)))
    }

    /// A self-signed certificate for a document-signing key: subject `commonName` (and `organization`, country VN),
    /// key usage digitalSignature + nonRepudiation (critical), extended key usage document signing (RFC 9336),
    /// Microsoft's document signing and e-mail protection, not a CA; valid from `notBefore` to `notAfter`; a random 128-bit serial.
    public static func selfSigned(
        key: RSAPrivateKey, commonName: String, organization: String, notBefore: Date, notAfter: Date
    ) throws -> X509Certificate {
        guard let x509 = X509_new() else { throw OpenSSLErrorQueue.error("X509_new") }
        let certificate = X509Certificate(taking: x509)
        guard X509_set_version(x509, 2) == 1 else { throw OpenSSLErrorQueue.error("X509_set_version") }
        var serial = try SecureRandom.bytes(16)
        serial[0] &= 0x7F  // a positive INTEGER
        serial[0] |= 0x40  // of exactly 16 bytes
        guard let bn = BN_bin2bn(serial, Int32(serial.count), nil) else { throw OpenSSLErrorQueue.error("BN_bin2bn") }
        defer { BN_free(bn) }
        guard BN_to_ASN1_INTEGER(bn, X509_get_serialNumber(x509)) != nil else {
            throw OpenSSLErrorQueue.error("BN_to_ASN1_INTEGER")
        }
        guard ASN1_TIME_set(X509_getm_notBefore(x509), time_t(notBefore.timeIntervalSince1970)) != nil,
            ASN1_TIME_set(X509_getm_notAfter(x509), time_t(notAfter.timeIntervalSince1970)) != nil
        else { throw OpenSSLErrorQueue.error("ASN1_TIME_set") }
        guard X509_set_pubkey(x509, key.pointer) == 1 else { throw OpenSSLErrorQueue.error("X509_set_pubkey") }
        guard let name = X509_get_subject_name(x509) else { throw OpenSSLErrorQueue.error("X509_get_subject_name") }
        for (field, value) in [("C", "VN"), ("O", organization), ("CN", commonName)] where !value.isEmpty {
            let bytes = Array(value.utf8)
            guard X509_NAME_add_entry_by_txt(name, field, MBSTRING_UTF8, bytes, Int32(bytes.count), -1, 0) == 1 else {
                throw OpenSSLErrorQueue.error("X509_NAME_add_entry_by_txt(\(field))")
            }
        }
        guard X509_set_issuer_name(x509, name) == 1 else { throw OpenSSLErrorQueue.error("X509_set_issuer_name") }
        var context = X509V3_CTX()
        X509V3_set_ctx(&context, x509, x509, nil, nil, 0)
        let extensions: [(Int32, String)] = [
            (NID_basic_constraints, "critical,CA:FALSE"),
            (NID_key_usage, "critical,digitalSignature,nonRepudiation"),
            // Document signing (RFC 9336) and Microsoft's, and e-mail protection: NSS (poppler's PDF viewers)
            // accepts a signer's certificate whose extended key usage lacks it only when there is none at all.
            (NID_ext_key_usage, "emailProtection,1.3.6.1.5.5.7.3.36,1.3.6.1.4.1.311.10.3.12"),
            (NID_subject_key_identifier, "hash"),
        ]
        for (nid, value) in extensions {
            guard let ext = X509V3_EXT_conf_nid(nil, &context, nid, value) else {
                throw OpenSSLErrorQueue.error("X509V3_EXT_conf_nid(\(value))")
            }
            defer { X509_EXTENSION_free(ext) }
            guard X509_add_ext(x509, ext, -1) == 1 else { throw OpenSSLErrorQueue.error("X509_add_ext") }
        }
        guard X509_sign(x509, key.pointer, EVP_sha256()) > 0 else { throw OpenSSLErrorQueue.error("X509_sign") }
        return certificate
    }

    /// "CN=…, O=…, C=VN": each entry's short name and UTF-8 value, most specific first.
    static func line(_ name: OpaquePointer?) -> String {
        guard let name else { return "" }
        var parts: [String] = []
        for index in 0..<X509_NAME_entry_count(name) {
            guard let entry = X509_NAME_get_entry(name, index), let object = X509_NAME_ENTRY_get_object(entry),
                let data = X509_NAME_ENTRY_get_data(entry)
            else { continue }
            let short = OBJ_nid2sn(OBJ_obj2nid(object)).map { String(cString: $0) } ?? "?"
            var utf8: UnsafeMutablePointer<UInt8>?
            let length = ASN1_STRING_to_UTF8(&utf8, data)
            guard length >= 0, let utf8 else { continue }
            parts.append(
                "\(short)=\(String(decoding: UnsafeBufferPointer(start: utf8, count: Int(length)), as: UTF8.self))")
            CRYPTO_free(utf8, #file, #line)
        }
        return parts.reversed().joined(separator: ", ")
    }

    static func date(_ time: UnsafePointer<ASN1_TIME>?) -> Date? {
        guard let time else { return nil }
        var tm = tm()
        guard ASN1_TIME_to_tm(time, &tm) == 1 else { return nil }
        return Date(timeIntervalSince1970: TimeInterval(timegm(&tm)))
    }
}
