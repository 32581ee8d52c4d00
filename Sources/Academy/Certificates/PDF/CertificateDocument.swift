import Foundation

/// What the holder's document says about them and the course, recorded when the certificate is promised, so that a
/// PDF made later (after a restore, or again) says what was true at issue: the person may since have moved commune
/// or changed position, the course may have changed.
public struct IssueRecord: Codable, Sendable, Equatable {
    /// The holder's position ("Công chức Văn phòng - Thống kê"), empty when none was recorded.
    public var position: String
    /// The commune-level unit with its type word ("xã Yên Hoa"), empty when none was recorded.
    public var unit: String
    /// The province of that unit ("Tuyên Quang"), from the place list; empty without one.
    public var province: String
    /// The document's title ("GIẤY XÁC NHẬN HOÀN THÀNH KHÓA HỌC" by default).
    public var documentTitle: String
    /// The course's length in hours, as its course.yaml gives it.
    public var hours: Double?
    /// When the holder began the course (first lesson opened, first attempt or enrolment, whichever came first).
    public var startedAt: Date?
    /// The result in words: "Đạt" and the required tests' best scores.
    public var result: String

    public init(
        position: String = "", unit: String = "", province: String = "", documentTitle: String = "",
        hours: Double? = nil, startedAt: Date? = nil, result: String = ""
    ) {
        self.position = position
        self.unit = unit
        self.province = province
        self.documentTitle = documentTitle
        self.hours = hours
        self.startedAt = startedAt
        self.result = result
    }
}

/// Everything printed on one certificate PDF: the issue record, and the issuing body and signer from configuration.
struct CertificateDocument: Sendable {
    var code: String
    /// "Số: …" without the "Số: ".
    var registerNumber: String
    var holderName: String
    var courseTitle: String
    var issuedAt: Date
    var record: IssueRecord
    var verifyURL: String
    var issuer: CertificateIssuer
}

/// The issuing body as configured (`academy.yaml`): who signs, where.
public struct CertificateIssuer: Sendable, Equatable {
    /// The body above the issuer ("UBND TỈNH TUYÊN QUANG"), empty for none.
    public var parentBody: String
    /// The issuing body's name; printed in capitals.
    public var name: String
    /// "Tuyên Quang" in "Tuyên Quang, ngày … tháng … năm …".
    public var place: String
    /// "GIÁM ĐỐC".
    public var signerTitle: String
    public var signerName: String
    /// The part of the register number after "n/": "GXN-HVX".
    public var registerSuffix: String

    public init(
        parentBody: String, name: String, place: String, signerTitle: String, signerName: String,
        registerSuffix: String
    ) {
        self.parentBody = parentBody
        self.name = name
        self.place = place
        self.signerTitle = signerTitle
        self.signerName = signerName
        self.registerSuffix = registerSuffix
    }

    /// "15/GXN-HVX": the number within the issuer's year, and the register's suffix.
    public func registerNumber(_ number: Int) -> String {
        registerSuffix.isEmpty ? "\(number)" : "\(number)/\(registerSuffix)"
    }
}
