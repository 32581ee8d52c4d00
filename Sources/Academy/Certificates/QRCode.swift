import CQRencode
import Foundation

/// Why a QR code could not be made.
public enum QRCodeError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The text does not fit in the largest QR symbol (version 40) at error correction level M.
    case tooLong
    /// libqrencode failed for another reason (empty input, out of memory, ...).
    case encodingFailed

    /// A sentence for logs and error pages.
    public var description: String {
        switch self {
        case .tooLong: return "the text is too long for a QR code"
        case .encodingFailed: return "the QR code could not be encoded"
        }
    }
}

/// QR codes made by libqrencode (error correction level M, 8-bit mode) and drawn as compact SVG.
///
/// Thread safety: libqrencode's encoders are documented as thread-unsafe only "when pthread is disabled";
/// Debian's `libqrencode4` is built with pthread (its `.so` imports `pthread_mutex_lock`, guarding the lazily
/// built Reed-Solomon tables), and every call here works on its own `QRcode`, so no extra lock is needed.
public enum QRCode {
    /// Encodes the UTF-8 bytes of `text` and returns a standalone SVG document.
    ///
    /// The SVG has a white background and one black `<path>` whose sub-paths are horizontal runs of dark
    /// modules, in a `viewBox` measured in modules (symbol plus quiet zone).
    ///
    /// - Parameters:
    ///   - text: the content, usually the verify URL; its bytes are encoded as is (case kept).
    ///   - moduleSize: pixels per module in the `width`/`height` attributes (values below 1 count as 1).
    ///   - border: quiet zone in modules on each side (negative values count as 0; QR readers want 4).
    /// - Throws: `QRCodeError.tooLong` if the text does not fit, `.encodingFailed` otherwise.
    public static func svg(_ text: String, moduleSize: Int = 4, border: Int = 4) throws -> String {
        let matrix = try encode(text)
        let border = max(0, border)
        let side = matrix.width + 2 * border
        let pixels = side * max(1, moduleSize)
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(side) \(side)\""
        svg += " width=\"\(pixels)\" height=\"\(pixels)\" shape-rendering=\"crispEdges\" role=\"img\""
        svg += " aria-label=\"QR\"><rect width=\"\(side)\" height=\"\(side)\" fill=\"#fff\"/>"
        svg += "<path fill=\"#000\" d=\"\(pathData(matrix, border: border))\"/></svg>"
        return svg
    }

    /// The symbol's modules, row by row.
    struct Matrix: Sendable {
        /// QR version, 1...40 (version v is 17 + 4v modules wide).
        var version: Int
        /// Modules per side, without the quiet zone.
        var width: Int
        /// `width * width` flags, true for a dark module, row-major.
        var dark: [Bool]

        /// Whether the module at column `x`, row `y` is dark.
        func isDark(x: Int, y: Int) -> Bool {
            dark[y * width + x]
        }
    }

    /// Encodes `text` with libqrencode (8-bit mode, level M, smallest version that fits).
    static func encode(_ text: String) throws -> Matrix {
        let bytes = Array(text.utf8)
        guard !bytes.isEmpty else { throw QRCodeError.encodingFailed }
        guard bytes.count < Int(Int32.max) else { throw QRCodeError.tooLong }
        // QRcode_encodeData is QRcode_encodeString8bit with an explicit length, so a NUL byte cannot cut the text.
        errno = 0
        let code = bytes.withUnsafeBufferPointer { buffer in
            QRcode_encodeData(Int32(buffer.count), buffer.baseAddress, 0, QR_ECLEVEL_M)
        }
        guard let code else {
            throw errno == ERANGE ? QRCodeError.tooLong : QRCodeError.encodingFailed
        }
        defer { QRcode_free(code) }
        let width = Int(code.pointee.width)
        guard width > 0, let data = code.pointee.data else { throw QRCodeError.encodingFailed }
        // Bit 0 of each byte is the module colour (1 = dark); the other bits describe the module's role.
        let dark = UnsafeBufferPointer(start: data, count: width * width).map { $0 & 1 == 1 }
        return Matrix(version: Int(code.pointee.version), width: width, dark: dark)
    }

    /// Path data with one `M x y h w v1 h-w z` rectangle per horizontal run of dark modules.
    static func pathData(_ matrix: Matrix, border: Int) -> String {
        var parts: [String] = []
        for y in 0..<matrix.width {
            var x = 0
            while x < matrix.width {
                guard matrix.isDark(x: x, y: y) else {
                    x += 1
                    continue
                }
                let start = x
                while x < matrix.width, matrix.isDark(x: x, y: y) { x += 1 }
                let run = x - start
                parts.append("M\(start + border) \(y + border)h\(run)v1h-\(run)z")
            }
        }
        return parts.joined()
    }
}
