import Foundation
import ZIPFoundation

/// A course's certificates as one ZIP: each credential as `<code>.jwt`, and `index.csv` describing them.
enum CertificateExport {
    static func zip(_ certificates: [Certificate], baseURL: String) throws -> Data {
        let archive = try Archive(accessMode: .create)
        var rows: [[String]] = []
        for certificate in certificates {
            let jwt = Data(certificate.jwt.utf8)
            try archive.addEntry(
                with: "\(certificate.code).jwt", type: .file, uncompressedSize: Int64(jwt.count),
                modificationDate: certificate.issuedAt, compressionMethod: .deflate
            ) { position, size in jwt.subdata(in: Int(position)..<Int(position) + size) }
            rows.append([
                certificate.code, certificate.holderName, certificate.courseTitle, Timestamp.text(certificate.issuedAt),
                certificate.isRevoked ? "revoked" : "valid", certificate.revokedReason ?? "",
                "\(baseURL)/v/\(certificate.code)",
            ])
        }
        let header = ["code", "holder_name", "course", "issued_at", "status", "revoked_reason", "verify_url"]
        let index = Data(CSVWriter.text(header: header, rows: rows).utf8)
        try archive.addEntry(
            with: "index.csv", type: .file, uncompressedSize: Int64(index.count), compressionMethod: .deflate
        ) { position, size in index.subdata(in: Int(position)..<Int(position) + size) }
        return archive.data ?? Data()
    }
}
