import Foundation
import Signing

/// Reads and checks the signature of a certificate PDF, independently of who made it: the `/ByteRange` must cover the
/// whole file except the `/Contents` hex string (so nothing was added or changed after signing), and the CMS
/// signature must match those bytes. Who signed is reported, not judged: `CertificateVerifier.verifyPDF` (server)
/// and `academy certificates verify` (command line) decide whether they trust the signer.
public enum PDFSignatureReader {
    public struct Check: Sendable {
        /// The file has a signature at all.
        public var signed = false
        /// The signature matches the bytes of its range.
        public var intact = false
        /// The range is the whole file except the signature itself.
        public var coversWholeFile = false
        public var subFilter: String?
        /// `/M`, as written (D:20261129080510+07'00').
        public var signingTime: String?
        public var signer: X509Certificate?
        public var certificates: [X509Certificate] = []
        /// Signed CMS attributes, dotted object identifiers.
        public var attributeOIDs: [String] = []
        /// The Open Badge credential attached to the PDF.
        public var jwt: String?
        public var problem: String?

        /// Signed, untouched since, and the range is the whole file.
        public var isSound: Bool { signed && intact && coversWholeFile }
    }

    /// Largest PDF accepted for checking (a certificate is about 50 KB).
    public static let maximumBytes = 5 * 1024 * 1024

    public static func check(_ bytes: [UInt8]) -> Check {
        var check = Check()
        guard bytes.starts(with: Array("%PDF-".utf8)) else {
            check.problem = "not_a_pdf"
            return check
        }
        guard bytes.count <= maximumBytes else {
            check.problem = "too_large"
            return check
        }
        guard let at = PDFStructure.lastIndex(of: "/ByteRange", in: bytes),
            let open = PDFStructure.index(of: "[", in: bytes, from: at, limit: at + 20),
            let close = PDFStructure.index(of: "]", in: bytes, from: open, limit: open + 80)
        else {
            check.problem = "not_signed"
            return check
        }
        check.signed = true
        let numbers = String(decoding: bytes[(open + 1)..<close], as: UTF8.self)
            .split(whereSeparator: \.isWhitespace).compactMap { Int($0) }
        let window = String(decoding: bytes[max(0, at - 1200)..<min(bytes.count, at + 200)], as: UTF8.self)
        check.subFilter = Self.name(after: "/SubFilter", in: window)
        check.signingTime = Self.literal(after: "/M", in: window)
        guard numbers.count == 4, numbers.allSatisfy({ (0...bytes.count).contains($0) }), numbers[0] == 0,
            numbers[1] > 0, numbers[2] > numbers[1], numbers[2] + numbers[3] <= bytes.count
        else {
            check.problem = "bad_byte_range"
            return check
        }
        let (start, end) = (numbers[1], numbers[2])
        guard bytes[start] == UInt8(ascii: "<"), bytes[end - 1] == UInt8(ascii: ">"),
            let der = Hex.decode(bytes[(start + 1)..<(end - 1)])
        else {
            check.problem = "bad_byte_range"
            return check
        }
        check.coversWholeFile = numbers[2] + numbers[3] == bytes.count
        let signedBytes = Array(bytes[0..<start]) + Array(bytes[end..<(numbers[2] + numbers[3])])
        let verification = CMSSignature.verifyDetached(der, content: signedBytes)
        check.intact = verification.intact
        check.signer = verification.signer
        check.certificates = verification.certificates
        check.attributeOIDs = verification.attributeOIDs
        check.jwt = attachedJWT(bytes)
        if !check.intact {
            check.problem = "tampered"
        } else if !check.coversWholeFile {
            check.problem = "changed_after_signing"
        }
        return check
    }

    /// The text of the first embedded file, when it looks like a JWT.
    static func attachedJWT(_ bytes: [UInt8]) -> String? {
        guard let type = PDFStructure.index(of: "/Type /EmbeddedFile", in: bytes, from: 0, limit: bytes.count),
            let keyword = PDFStructure.index(of: "stream", in: bytes, from: type, limit: type + 600)
        else { return nil }
        var start = keyword + 6
        if start < bytes.count, bytes[start] == 0x0D { start += 1 }
        if start < bytes.count, bytes[start] == 0x0A { start += 1 }
        guard let end = PDFStructure.index(of: "endstream", in: bytes, from: start, limit: start + 64 * 1024) else {
            return nil
        }
        let text = String(decoding: bytes[start..<end], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return text.split(separator: ".", omittingEmptySubsequences: false).count == 3 ? text : nil
    }

    static func name(after key: String, in text: String) -> String? {
        guard let range = text.range(of: key + " /", options: .backwards) else { return nil }
        return String(text[range.upperBound...].prefix { !$0.isWhitespace && $0 != "/" && $0 != ">" })
    }

    static func literal(after key: String, in text: String) -> String? {
        guard let range = text.range(of: key + " (", options: .backwards) else { return nil }
        return String(text[range.upperBound...].prefix { $0 != ")" })
    }
}
