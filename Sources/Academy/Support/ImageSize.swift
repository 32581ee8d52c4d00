import Foundation

/// The pixel size of a PNG, JPEG, GIF or WebP image, read from its header without decoding it (issue 16: lesson
/// images get `width`/`height` so the page does not jump as they arrive; uploads wider than a bound are refused).
struct ImageSize: Sendable, Equatable, Encodable {
    let width: Int
    let height: Int

    /// How much of a file is read to find its size: a JPEG's frame header follows its EXIF block (at most 64 KiB)
    /// and sometimes an embedded thumbnail, so a little more than that.
    static let headerBytes = 256 * 1024

    /// The size of the image in the file at `path`, or nil when it cannot be read or is not a known image.
    static func ofFile(_ path: String) -> ImageSize? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        guard let data = try? handle.read(upToCount: headerBytes) else { return nil }
        return of(Array(data))
    }

    /// The size in the first bytes of an image, or nil when they name no size (or a zero one).
    static func of(_ bytes: [UInt8]) -> ImageSize? {
        let size: ImageSize?
        if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]) {
            // PNG: the IHDR chunk comes first; width and height are big-endian at 16 and 20.
            size = bytes.count >= 24 ? ImageSize(width: big32(bytes, 16), height: big32(bytes, 20)) : nil
        } else if bytes.starts(with: [0xFF, 0xD8]) {
            size = jpeg(bytes)
        } else if bytes.starts(with: Array("GIF8".utf8)) {
            size = bytes.count >= 10 ? ImageSize(width: little16(bytes, 6), height: little16(bytes, 8)) : nil
        } else if bytes.count >= 30, bytes.starts(with: Array("RIFF".utf8)), Array(bytes[8..<12]) == Array("WEBP".utf8)
        {
            size = webp(bytes)
        } else {
            size = nil
        }
        guard let size, size.width > 0, size.height > 0 else { return nil }
        return size
    }

    /// JPEG: walks the segments to the first start-of-frame marker (SOF0–SOF15 but DHT, JPG and DAC).
    private static func jpeg(_ bytes: [UInt8]) -> ImageSize? {
        var index = 2
        while index + 9 < bytes.count {
            guard bytes[index] == 0xFF else { return nil }
            let marker = bytes[index + 1]
            if marker == 0xFF {  // fill byte
                index += 1
                continue
            }
            if marker == 0xD8 || marker == 0x01 || (0xD0...0xD7).contains(marker) {  // no length
                index += 2
                continue
            }
            let length = big16(bytes, index + 2)
            if (0xC0...0xCF).contains(marker) && ![0xC4, 0xC8, 0xCC].contains(marker) {
                return ImageSize(width: big16(bytes, index + 7), height: big16(bytes, index + 5))
            }
            guard length >= 2 else { return nil }
            index += 2 + length
        }
        return nil
    }

    /// WebP: lossy (`VP8 `), lossless (`VP8L`) or extended (`VP8X`) headers.
    private static func webp(_ bytes: [UInt8]) -> ImageSize? {
        switch String(decoding: bytes[12..<16], as: UTF8.self) {
        case "VP8 ":
            return ImageSize(width: little16(bytes, 26) & 0x3FFF, height: little16(bytes, 28) & 0x3FFF)
        case "VP8L":
            let b = bytes[21...24].map(Int.init)
            return ImageSize(
                width: 1 + (b[0] | (b[1] & 0x3F) << 8), height: 1 + ((b[1] >> 6) | b[2] << 2 | (b[3] & 0x0F) << 10))
        case "VP8X":
            return ImageSize(
                width: 1 + (Int(bytes[24]) | Int(bytes[25]) << 8 | Int(bytes[26]) << 16),
                height: 1 + (Int(bytes[27]) | Int(bytes[28]) << 8 | Int(bytes[29]) << 16))
        default:
            return nil
        }
    }

    private static func big32(_ bytes: [UInt8], _ at: Int) -> Int {
        Int(bytes[at]) << 24 | Int(bytes[at + 1]) << 16 | Int(bytes[at + 2]) << 8 | Int(bytes[at + 3])
    }

    private static func big16(_ bytes: [UInt8], _ at: Int) -> Int {
        at + 1 < bytes.count ? Int(bytes[at]) << 8 | Int(bytes[at + 1]) : 0
    }

    private static func little16(_ bytes: [UInt8], _ at: Int) -> Int { Int(bytes[at]) | Int(bytes[at + 1]) << 8 }
}
