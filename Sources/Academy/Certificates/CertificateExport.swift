import Foundation
import Hummingbird
import NIOCore
import ZIPFoundation

/// Certificates as one ZIP for HR to file: each certificate's signed PDF (`<code>.pdf`) and credential
/// (`<code>.jwt`), and `index.csv` describing them (register number, holder, position, unit, course, status).
///
/// A province's ZIP runs to hundreds of megabytes (10,000 PDFs of about 50 KB), so it is written to a temporary file
/// in the data folder, not built in memory, and sent from there in chunks; the file is removed once sent.
enum CertificateExport {
    /// One certificate with what the index says of its holder now.
    struct Entry: Sendable {
        var certificate: Certificate
        var commune: String
    }

    /// Writes the ZIP of `entries` at `path`; `pdf` gives each certificate's PDF (from its file, or made now).
    static func write(
        _ entries: [Entry], to path: String, baseURL: String, issuer: CertificateIssuer,
        pdf: (Certificate) throws -> [UInt8]
    ) throws {
        let archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .create)
        var rows: [[String]] = []
        for entry in entries {
            let certificate = entry.certificate
            let document = try pdf(certificate)
            try add(archive, "\(certificate.code).pdf", Data(document), date: certificate.issuedAt, compress: false)
            try add(archive, "\(certificate.code).jwt", Data(certificate.jwt.utf8), date: certificate.issuedAt)
            let record = certificate.issueRecord
            rows.append([
                certificate.code, certificate.registerNumber.map { issuer.registerNumber($0) } ?? "",
                certificate.registerYear.map(String.init) ?? "", certificate.holderName, record?.position ?? "",
                record?.unit ?? entry.commune, record?.province ?? "", certificate.courseTitle,
                Timestamp.text(certificate.issuedAt), certificate.isRevoked ? "revoked" : "valid",
                certificate.revokedReason ?? "", "\(baseURL)/v/\(certificate.code)",
            ])
        }
        let header = [
            "code", "register_number", "register_year", "holder_name", "position", "unit", "province", "course",
            "issued_at", "status", "revoked_reason", "verify_url",
        ]
        try add(archive, "index.csv", Data(CSVWriter.text(header: header, rows: rows).utf8), date: Date())
    }

    private static func add(_ archive: Archive, _ name: String, _ data: Data, date: Date, compress: Bool = true) throws
    {
        try archive.addEntry(
            with: name, type: .file, uncompressedSize: Int64(data.count), modificationDate: date,
            compressionMethod: compress ? .deflate : .none
        ) { position, size in data.subdata(in: Int(position)..<Int(position) + size) }
    }

    /// Removes exports older than an hour that were never sent (a HEAD request, a crash while sending).
    static func removeStale(in directory: String, now: Date = Date()) {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        for name in files where name.hasPrefix("export-") && name.hasSuffix(".zip") {
            let path = (directory as NSString).appendingPathComponent(name)
            if let modified = try? FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date,
                now.timeIntervalSince(modified) > 3600
            {
                try? FileManager.default.removeItem(atPath: path)
            }
        }
    }

    /// A response that sends the file at `path` in 64 KB chunks, read off the event loops, then removes it.
    static func stream(_ path: String, size: Int, filename: String) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/zip"
        headers[.contentLength] = String(size)
        headers[.contentDisposition] = "attachment; filename=\"\(filename)\""
        let body = ResponseBody(contentLength: size) { writer in
            defer { try? FileManager.default.removeItem(atPath: path) }
            guard let handle = FileHandle(forReadingAtPath: path) else { throw AppError(.notFound, "export_gone") }
            defer { try? handle.close() }
            while true {
                let chunk = try await Blocking.run { try handle.read(upToCount: 64 * 1024) ?? Data() }
                if chunk.isEmpty { break }
                try await writer.write(ByteBuffer(bytes: chunk))
            }
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: headers, body: body)
    }
}
