import COpenSSL

/// Detached CMS `SignedData` for PDF signatures (PAdES, `SubFilter /ETSI.CAdES.detached`), built with OpenSSL's CMS
/// API.
///
/// The signed attributes are exactly those PAdES baseline B-B asks for: content-type, message-digest and
/// signing-certificate-v2 (OpenSSL's `CMS_CADES`). PAdES forbids the CMS signing-time attribute (the time is the
/// signature dictionary's `/M`), but `CMS_SignerInfo_sign` always adds one; so the signer info is built with
/// `CMS_PARTIAL` and its attributes are signed here, with the same DER (a sorted SET OF) that OpenSSL then writes.
public enum CMSSignature {
    /// Signs the SHA-256 `digest` of the signed bytes; returns the DER of the `ContentInfo`.
    public static func signDetached(
        digest: [UInt8], certificate: X509Certificate, chain: [X509Certificate], key: RSAPrivateKey
    ) throws -> [UInt8] {
        guard digest.count == 32 else { throw SigningError.invalidArgument("a SHA-256 digest has 32 bytes") }
        let flags = UInt32(CMS_PARTIAL | CMS_DETACHED | CMS_BINARY)
        guard let cms = CMS_sign(nil, nil, nil, nil, flags) else { throw OpenSSLErrorQueue.error("CMS_sign") }
        defer { CMS_ContentInfo_free(cms) }
        let signerFlags = UInt32(CMS_PARTIAL | CMS_BINARY | CMS_NOSMIMECAP | CMS_CADES)
        guard let signer = CMS_add1_signer(cms, certificate.pointer, key.pointer, EVP_sha256(), signerFlags) else {
            throw OpenSSLErrorQueue.error("CMS_add1_signer")
        }
        for extra in chain where extra.fingerprintSHA256 != certificate.fingerprintSHA256 {
            guard CMS_add1_cert(cms, extra.pointer) == 1 else { throw OpenSSLErrorQueue.error("CMS_add1_cert") }
        }
        guard let dataType = OBJ_nid2obj(NID_pkcs7_data),
            CMS_signed_add1_attr_by_NID(signer, NID_pkcs9_contentType, V_ASN1_OBJECT, UnsafeRawPointer(dataType), -1)
                == 1
        else { throw OpenSSLErrorQueue.error("CMS_signed_add1_attr_by_NID(contentType)") }
        guard
            CMS_signed_add1_attr_by_NID(signer, NID_pkcs9_messageDigest, V_ASN1_OCTET_STRING, digest, 32) == 1
        else { throw OpenSSLErrorQueue.error("CMS_signed_add1_attr_by_NID(messageDigest)") }
        let signature = try RSASigner.sign(signedAttributes(signer), with: key)
        guard let slot = CMS_SignerInfo_get0_signature(signer),
            ASN1_STRING_set(slot, signature, Int32(signature.count)) == 1
        else { throw OpenSSLErrorQueue.error("ASN1_STRING_set") }
        return try DER.encode("i2d_CMS_ContentInfo") { i2d_CMS_ContentInfo(cms, $0) }
    }

    /// The DER `SET OF Attribute` the signature covers: each attribute's DER, sorted as DER sorts a SET OF.
    static func signedAttributes(_ signer: OpaquePointer) throws -> [UInt8] {
        var encoded: [[UInt8]] = []
        for index in 0..<CMS_signed_get_attr_count(signer) {
            guard let attribute = CMS_signed_get_attr(signer, index) else {
                throw OpenSSLErrorQueue.error("CMS_signed_get_attr")
            }
            encoded.append(try DER.encode("i2d_X509_ATTRIBUTE") { i2d_X509_ATTRIBUTE(attribute, $0) })
        }
        encoded.sort { $0.lexicographicallyPrecedes($1) }
        let body = encoded.flatMap { $0 }
        return [0x31] + DER.length(body.count) + body
    }

    /// What a detached signature says about the bytes it was given.
    public struct Verification: Sendable {
        /// The message digest and the signature over the attributes both check out.
        public var intact: Bool
        /// The signer's certificate, as embedded in the signature.
        public var signer: X509Certificate?
        /// Every certificate embedded in the signature (the signer's and its chain).
        public var certificates: [X509Certificate]
        /// The signed attributes' object identifiers, dotted ("1.2.840.113549.1.9.52" and so on).
        public var attributeOIDs: [String]
        public var problem: String?
    }

    /// Checks `der` (a CMS `ContentInfo`, trailing zero padding allowed) against `content`; the certificate is not
    /// judged here (who trusts it is the caller's question).
    public static func verifyDetached(_ der: [UInt8], content: [UInt8]) -> Verification {
        defer { OpenSSLErrorQueue.clear() }
        var result = Verification(intact: false, signer: nil, certificates: [], attributeOIDs: [], problem: nil)
        let cms = der.withUnsafeBufferPointer { buffer -> OpaquePointer? in
            var cursor = buffer.baseAddress
            return d2i_CMS_ContentInfo(nil, &cursor, buffer.count)
        }
        guard let cms else {
            result.problem = "the signature is not a CMS structure"
            return result
        }
        defer { CMS_ContentInfo_free(cms) }
        if let certs = CMS_get1_certs(cms) { result.certificates = X509Certificate.takeAll(certs) }
        if let infos = CMS_get0_SignerInfos(cms), OPENSSL_sk_num(infos) == 1,
            let info = OPENSSL_sk_value(infos, 0)
        {
            let signer = OpaquePointer(info)
            for index in 0..<max(0, CMS_signed_get_attr_count(signer)) {
                if let attribute = CMS_signed_get_attr(signer, index),
                    let object = X509_ATTRIBUTE_get0_object(attribute)
                {
                    var text = [CChar](repeating: 0, count: 128)
                    OBJ_obj2txt(&text, 128, object, 1)
                    result.attributeOIDs.append(String(cString: text))
                }
            }
            for certificate in result.certificates where CMS_SignerInfo_cert_cmp(signer, certificate.pointer) == 0 {
                result.signer = certificate
            }
        } else {
            result.problem = "the signature has not exactly one signer"
            return result
        }
        let status = content.withUnsafeBytes { raw -> Int32 in
            guard let bio = BIO_new_mem_buf(raw.baseAddress, Int32(raw.count)) else { return -1 }
            defer { BIO_free(bio) }
            return CMS_verify(cms, nil, nil, bio, nil, UInt32(CMS_BINARY | CMS_NO_SIGNER_CERT_VERIFY))
        }
        result.intact = status == 1
        if !result.intact {
            result.problem = "the signature does not match the signed bytes (\(OpenSSLErrorQueue.drain()))"
        }
        return result
    }
}

/// The little DER the attribute set needs, and OpenSSL's two-call `i2d_*` encoding.
enum DER {
    /// The DER of an OpenSSL object: `i2d(nil)` gives the length, `i2d(&cursor)` writes it.
    static func encode(
        _ operation: String, _ i2d: (UnsafeMutablePointer<UnsafeMutablePointer<UInt8>?>?) -> Int32
    ) throws -> [UInt8] {
        let length = i2d(nil)
        guard length > 0 else { throw OpenSSLErrorQueue.error(operation) }
        var der = [UInt8](repeating: 0, count: Int(length))
        let written = der.withUnsafeMutableBufferPointer { buffer -> Int32 in
            var cursor = buffer.baseAddress
            return i2d(&cursor)
        }
        guard written == length else { throw OpenSSLErrorQueue.error(operation) }
        return der
    }

    static func length(_ count: Int) -> [UInt8] {
        if count < 0x80 { return [UInt8(count)] }
        var bytes: [UInt8] = []
        var rest = count
        while rest > 0 {
            bytes.insert(UInt8(rest & 0xFF), at: 0)
            rest >>= 8
        }
        return [0x80 | UInt8(bytes.count)] + bytes
    }
}
