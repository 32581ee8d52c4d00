import Foundation

/// The certificate laid out as a Vietnamese administrative document (Decree 30/2020/NĐ-CP, Appendix I): the issuing
/// body and register number top left, the national title and motto top right with the place and date under them,
/// the document's title centred, the body, then the QR code bottom left and the signer's block bottom right.
///
/// Page 2 holds only the digital-signature stamp ("Đã ký số", who, when) drawn where it will stand on page 1: the
/// signer turns it into the signature field's appearance and removes the page (`PDFSignatureWriter`).
enum CertificateLayout {
    /// Where the signature stamp stands, in PDF user space (points, y up from the bottom of the page).
    struct Placed {
        var pdf: [UInt8]
        var stamp: (x0: Double, y0: Double, x1: Double, y1: Double)
    }

    static let vietnam = TimeZone(identifier: "Asia/Ho_Chi_Minh") ?? .gmt

    /// The Gregorian calendar in Vietnam's time zone (UTC+7): the document's dates and the register's years.
    static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = vietnam
        return calendar
    }()

    /// "ngày 05 tháng 02 năm 2026": day and month written with two digits below 10 and for months 1 and 2, as the
    /// decree asks (Vietnam's time zone).
    static func vietnameseDate(_ date: Date) -> String {
        let parts = calendar.dateComponents([.day, .month, .year], from: date)
        let day = parts.day ?? 1
        let month = parts.month ?? 1
        let dayText = day < 10 ? String(format: "%02d", day) : "\(day)"
        let monthText = month < 3 ? String(format: "%02d", month) : "\(month)"
        return "ngày \(dayText) tháng \(monthText) năm \(parts.year ?? 2000)"
    }

    /// "29/11/2026".
    static func shortDate(_ date: Date) -> String {
        let parts = calendar.dateComponents([.day, .month, .year], from: date)
        return String(format: "%02d/%02d/%04d", parts.day ?? 1, parts.month ?? 1, parts.year ?? 2000)
    }

    /// "29/11/2026 08:05:10 +07:00".
    static func signingTime(_ date: Date) -> String {
        let parts = calendar.dateComponents([.hour, .minute, .second], from: date)
        return shortDate(date)
            + String(format: " %02d:%02d:%02d +07:00", parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0)
    }

    static func upper(_ text: String) -> String {
        text.uppercased(with: Locale(identifier: "vi_VN")).precomposedStringWithCanonicalMapping
    }

    static func hours(_ value: Double) -> String {
        let whole = value.rounded() == value
        return (whole ? String(Int(value)) : String(format: "%.1f", value).replacingOccurrences(of: ".", with: ","))
            + " giờ"
    }

    /// Draws `document`; `signer` and `signedAt` fill the stamp.
    static func draw(_ document: CertificateDocument, signer: String, signedAt: Date) throws -> Placed {
        let nfc = { (text: String) in text.precomposedStringWithCanonicalMapping }
        let issuer = document.issuer
        let title =
            document.record.documentTitle.isEmpty ? "GIẤY XÁC NHẬN HOÀN THÀNH KHÓA HỌC" : document.record.documentTitle
        let canvas = try PDFCanvas(
            title: nfc("\(upper(title).capitalized(with: Locale(identifier: "vi_VN"))) — \(document.holderName)"),
            author: nfc(issuer.name), subject: nfc(document.courseTitle),
            keywords: "\(document.code), \(document.registerNumber)", created: signedAt)
        let left = PDFCanvas.mm(30)
        let right = PDFCanvas.width - PDFCanvas.mm(15)
        let top = PDFCanvas.mm(20)
        let leftCenter = left + 95
        let rightCenter = right - 140

        // Issuing body, its line, the register number.
        var y = top + 14
        if !issuer.parentBody.isEmpty {
            canvas.font(.regular, 12.5)
            canvas.centered(nfc(upper(issuer.parentBody)), center: leftCenter, y: y)
            y += 15
        }
        canvas.font(.bold, 12.5)
        var bodyWidth = 0.0
        for line in canvas.wrap(nfc(upper(issuer.name)), width: 200) {
            bodyWidth = max(bodyWidth, canvas.centered(line, center: leftCenter, y: y))
            y += 15
        }
        let rule = min(bodyWidth, 200) / 3
        canvas.line(from: (leftCenter - rule / 2, y - 9), to: (leftCenter + rule / 2, y - 9))
        canvas.font(.regular, 13)
        canvas.centered("Số: \(document.registerNumber)", center: leftCenter, y: y + 10)

        // National title, motto and its line, place and date.
        canvas.font(.bold, 12)
        canvas.centered("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", center: rightCenter, y: top + 14)
        canvas.font(.bold, 13)
        let mottoWidth = canvas.centered("Độc lập - Tự do - Hạnh phúc", center: rightCenter, y: top + 29)
        canvas.line(from: (rightCenter - mottoWidth / 2, top + 33), to: (rightCenter + mottoWidth / 2, top + 33))
        canvas.font(.italic, 13)
        canvas.centered(
            nfc("\(issuer.place), \(vietnameseDate(document.issuedAt))"), center: rightCenter, y: max(y + 8, top + 56))

        // The document's title.
        y = max(y + 8, top + 56) + 56
        canvas.font(.bold, 14)
        let center = (left + right) / 2
        for line in canvas.wrap(nfc(upper(title)), width: right - left) {
            canvas.centered(line, center: center, y: y)
            y += 18
        }

        // The body: who, what, when, how well.
        y += 22
        canvas.font(.regular, 13)
        for line in canvas.wrap(nfc("\(issuer.name) xác nhận:"), width: right - left) {
            canvas.text(line, x: left, y: y)
            y += 20
        }
        let record = document.record
        var place = record.unit
        if !record.province.isEmpty { place += place.isEmpty ? "tỉnh \(record.province)" : ", tỉnh \(record.province)" }
        var rows: [(String, String, Bool)] = [("Ông/Bà:", document.holderName, true)]
        if !record.position.isEmpty { rows.append(("Chức vụ:", record.position, false)) }
        if !place.isEmpty { rows.append(("Đơn vị:", place, false)) }
        rows.append(("Đã hoàn thành khóa học:", document.courseTitle, false))
        if let hours = record.hours { rows.append(("Thời lượng:", Self.hours(hours), false)) }
        if let started = record.startedAt {
            rows.append(
                ("Thời gian học:", "từ ngày \(shortDate(started)) đến ngày \(shortDate(document.issuedAt))", false))
        } else {
            rows.append(("Ngày hoàn thành:", shortDate(document.issuedAt), false))
        }
        if !record.result.isEmpty { rows.append(("Kết quả:", record.result, false)) }
        let valueX = left + 150
        for (label, value, strong) in rows {
            canvas.font(.regular, 13)
            canvas.text(nfc(label), x: left + 14, y: y)
            canvas.font(strong ? .bold : .regular, strong ? 14 : 13)
            for line in canvas.wrap(nfc(value), width: right - valueX) {
                canvas.text(line, x: valueX, y: y)
                y += 19
            }
            y += 3
        }
        y += 6
        canvas.font(.italic, 11.5)
        for line in canvas.wrap(
            nfc(
                "Giấy xác nhận này được ký số. Kiểm tra chữ ký trong trình đọc PDF, hoặc quét mã QR / mở địa chỉ dưới đây."
            ), width: right - left)
        {
            canvas.text(line, x: left, y: y)
            y += 16
        }

        // QR code and code bottom left; the signer's block bottom right.
        let blockTop = y + 26
        let matrix = try QRCode.encode(document.verifyURL)
        let module = 96 / Double(matrix.width)
        try canvas.qr(matrix, x: left, y: blockTop, module: module)
        canvas.font(.regular, 10.5)
        canvas.text("Mã xác nhận: \(document.code)", x: left, y: blockTop + 112)
        canvas.font(.regular, 9)
        for (index, line) in canvas.wrap(document.verifyURL.replacingOccurrences(of: "/", with: "/ "), width: 190)
            .enumerated()
        {
            canvas.text(line.replacingOccurrences(of: "/ ", with: "/"), x: left, y: blockTop + 126 + Double(index) * 11)
        }
        let signerCenter = right - 115
        canvas.font(.bold, 13)
        var signerY = blockTop + 4
        for line in canvas.wrap(nfc(upper(issuer.signerTitle)), width: 230) {
            canvas.centered(line, center: signerCenter, y: signerY)
            signerY += 16
        }
        let stampTop = signerY + 4
        let stampHeight = 58.0
        let stamp = (x0: signerCenter - 112, y0: stampTop, x1: signerCenter + 112, y1: stampTop + stampHeight)
        canvas.font(.bold, 13)
        if !issuer.signerName.isEmpty {
            canvas.centered(nfc(issuer.signerName), center: signerCenter, y: stamp.y1 + 22)
        }

        // Page 2: the stamp, at the same place.
        canvas.newPage()
        canvas.setColor(0.70, 0.07, 0.07)
        canvas.strokeRect(x: stamp.x0 + 1, y: stamp.y0 + 1, width: 222, height: stampHeight - 2, lineWidth: 1.2)
        canvas.font(.bold, 12)
        canvas.centered("Đã ký số", center: signerCenter, y: stamp.y0 + 17)
        canvas.font(.regular, 9.5)
        let by = canvas.wrap(nfc("Ký bởi: \(signer)"), width: 210)
        canvas.centered(by.first ?? "", center: signerCenter, y: stamp.y0 + 32)
        canvas.centered("Thời gian ký: \(signingTime(signedAt))", center: signerCenter, y: stamp.y0 + 46)
        let pdf = try canvas.finish()
        return Placed(
            pdf: pdf,
            stamp: (stamp.x0, PDFCanvas.height - stamp.y1, stamp.x1, PDFCanvas.height - stamp.y0))
    }
}
