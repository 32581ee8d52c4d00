import Foundation
import Signing
import Testing

@testable import Academy

@Suite struct CertificatePDFTests {
    static let issuer = CertificateIssuer(
        parentBody: "UBND tỉnh Tuyên Quang", name: "Học viện Cấp xã", place: "Tuyên Quang", signerTitle: "Giám đốc",
        signerName: "Nguyễn Văn Minh", registerSuffix: "GXN-HVX")

    static func document(name: String = "Hoàng Thị Ngọc Ánh") -> CertificateDocument {
        CertificateDocument(
            code: "ABCD-EFGH-JKLM", registerNumber: "15/GXN-HVX", holderName: name,
            courseTitle: "Chuyển đổi số cấp xã", issuedAt: Date(timeIntervalSince1970: 1_795_000_000),
            record: IssueRecord(
                position: "Công chức Văn phòng - Thống kê", unit: "xã Yên Hoa", province: "Tuyên Quang",
                documentTitle: "", hours: 16, startedAt: Date(timeIntervalSince1970: 1_794_000_000),
                result: "Đạt — Kiểm tra cuối khóa: 90%"),
            verifyURL: "https://hoctap.tuyenquang.gov.vn/v/ABCD-EFGH-JKLM", issuer: issuer)
    }

    @Test func drawsTwoPages() throws {
        let placed = try CertificateLayout.draw(Self.document(), signer: "Học viện Cấp xã", signedAt: Date())
        #expect(placed.pdf.starts(with: Array("%PDF-".utf8)))
        if let path = ProcessInfo.processInfo.environment["PDF_DUMP"] {
            try Data(placed.pdf).write(to: URL(fileURLWithPath: path))
        }
    }
}

extension CertificatePDFTests {
    @Test func signsAsPAdES() throws {
        let key = try RSAPrivateKey.generate(bits: 3072)
        let now = Date()
        let certificate = try X509Certificate.selfSigned(
            key: key, commonName: "Học viện Cấp xã", organization: "Học viện Cấp xã", notBefore: now,
            notAfter: now.addingTimeInterval(86400 * 365))
        let placed = try CertificateLayout.draw(Self.document(), signer: certificate.commonName, signedAt: now)
        let signed = try PDFSignatureWriter.sign(
            placed,
            attachment: .init(
                name: "ABCD-EFGH-JKLM.jwt", bytes: Array("a.b.c".utf8), description: "Open Badge", mimeSubtype: "jwt"),
            signature: .init(
                name: certificate.commonName, reason: "Xác nhận hoàn thành khóa học", location: "Tuyên Quang",
                signedAt: now, reserve: 2800,
                sign: { digest in
                    try CMSSignature.signDetached(digest: digest, certificate: certificate, chain: [], key: key)
                }))
        if let path = ProcessInfo.processInfo.environment["PDF_DUMP"] {
            try Data(signed).write(to: URL(fileURLWithPath: path))
            try certificate.pemRepresentation().write(toFile: path + ".crt", atomically: true, encoding: .utf8)
        }
    }
}
