import CCairo
import Foundation

/// The fonts a certificate is set in: Liberation Serif 2 (Debian's `fonts-liberation2`), metric-compatible with the
/// Times New Roman that Decree 30/2020/NĐ-CP asks for, with every precomposed Vietnamese letter. Loaded once, by
/// file, so a missing font is an error and never a silent fallback; cairo embeds only the glyphs a PDF uses.
///
/// Italic is the regular face slanted: cairo embeds every face twice (a WinAnsi subset and a CID subset), and a real
/// italic face cost 9 KB of the certificate's 60 KB for one line (the place and date).
final class PDFFonts: @unchecked Sendable {
    enum Style: Int {
        case regular, bold, italic

        var face: Face { self == .bold ? .bold : .regular }
    }

    enum Face: Int, CaseIterable {
        case regular, bold

        var file: String { self == .bold ? "LiberationSerif-Bold.ttf" : "LiberationSerif-Regular.ttf" }
    }

    static let directories = ["/usr/share/fonts/truetype/liberation2", "/usr/local/share/fonts/liberation2"]

    /// Loaded at first use; every PDF after that shares the faces (cairo locks them itself).
    static let shared: Result<PDFFonts, PDFError> = Result { try PDFFonts() }.mapError {
        $0 as? PDFError ?? .font("\($0)")
    }

    private let faces: [OpaquePointer]

    private init() throws {
        var faces: [OpaquePointer] = []
        for style in Face.allCases {
            guard
                let path = Self.directories.map({ "\($0)/\(style.file)" }).first(where: {
                    FileManager.default.isReadableFile(atPath: $0)
                })
            else {
                throw PDFError.font(
                    "\(style.file) is missing: install Debian's fonts-liberation2 (make run installs it)")
            }
            guard let pattern = FcPatternCreate() else { throw PDFError.font("FcPatternCreate failed") }
            defer { FcPatternDestroy(pattern) }
            _ = path.withCString {
                FcPatternAddString(pattern, FC_FILE, UnsafeRawPointer($0).assumingMemoryBound(to: FcChar8.self))
            }
            _ = FcPatternAddInteger(pattern, FC_INDEX, 0)
            guard let face = cairo_ft_font_face_create_for_pattern(pattern),
                cairo_font_face_status(face) == CAIRO_STATUS_SUCCESS
            else { throw PDFError.font("cairo cannot use \(path)") }
            faces.append(face)
        }
        self.faces = faces
    }

    func face(_ style: Style) -> OpaquePointer { faces[style.face.rawValue] }
}

/// Why a PDF could not be made or read.
enum PDFError: Error, CustomStringConvertible, Equatable {
    case font(String)
    case cairo(String)
    case structure(String)

    var description: String {
        switch self {
        case .font(let message): "certificate font: \(message)"
        case .cairo(let message): "cairo: \(message)"
        case .structure(let message): "PDF: \(message)"
        }
    }
}

/// One PDF being drawn with cairo: A4 pages, y measured down from the top in points.
final class PDFCanvas {
    static let width = 595.2756  // 210 mm
    static let height = 841.8898  // 297 mm
    static func mm(_ value: Double) -> Double { value * 72 / 25.4 }

    private final class Sink {
        var bytes: [UInt8] = []
    }

    private let sink = Sink()
    private let surface: OpaquePointer
    private let cr: OpaquePointer
    private let fonts: PDFFonts

    init(title: String, author: String, subject: String, keywords: String, created: Date) throws {
        fonts = try PDFFonts.shared.get()
        let write: cairo_write_func_t = { closure, data, length in
            guard let closure, let data else { return CAIRO_STATUS_WRITE_ERROR }
            Unmanaged<Sink>.fromOpaque(closure).takeUnretainedValue().bytes.append(
                contentsOf: UnsafeBufferPointer(start: data, count: Int(length)))
            return CAIRO_STATUS_SUCCESS
        }
        guard
            let surface = cairo_pdf_surface_create_for_stream(
                write, Unmanaged.passUnretained(sink).toOpaque(), Self.width, Self.height)
        else { throw PDFError.cairo("cannot make a PDF surface") }
        self.surface = surface
        cairo_pdf_surface_restrict_to_version(surface, CAIRO_PDF_VERSION_1_5)
        let stamp = ISO8601DateFormatter().string(from: created)
        for (key, value) in [
            (CAIRO_PDF_METADATA_TITLE, title), (CAIRO_PDF_METADATA_AUTHOR, author),
            (CAIRO_PDF_METADATA_SUBJECT, subject), (CAIRO_PDF_METADATA_KEYWORDS, keywords),
            (CAIRO_PDF_METADATA_CREATOR, "Commune Academy"), (CAIRO_PDF_METADATA_CREATE_DATE, stamp),
        ] {
            cairo_pdf_surface_set_metadata(surface, key, value)
        }
        cr = cairo_create(surface)
        let options = cairo_font_options_create()
        cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF)
        cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE)
        cairo_set_font_options(cr, options)
        cairo_font_options_destroy(options)
        setColor(0, 0, 0)
    }

    deinit {
        cairo_destroy(cr)
        cairo_surface_destroy(surface)
    }

    func setColor(_ red: Double, _ green: Double, _ blue: Double) {
        cairo_set_source_rgb(cr, red, green, blue)
    }

    func font(_ style: PDFFonts.Style, _ size: Double) {
        cairo_set_font_face(cr, fonts.face(style))
        var matrix = cairo_matrix_t()
        cairo_matrix_init(&matrix, size, 0, style == .italic ? -0.2 * size : 0, size, 0, 0)
        cairo_set_font_matrix(cr, &matrix)
    }

    /// The advance width of `text` in the current font.
    func width(_ text: String) -> Double {
        var extents = cairo_text_extents_t()
        cairo_text_extents(cr, text, &extents)
        return extents.x_advance
    }

    /// `text` with its baseline at `y`, starting at `x`.
    func text(_ text: String, x: Double, y: Double) {
        guard !text.isEmpty else { return }
        cairo_move_to(cr, x, y)
        cairo_show_text(cr, text)
    }

    /// `text` centred on `center`; returns its width.
    @discardableResult
    func centered(_ text: String, center: Double, y: Double) -> Double {
        let width = width(text)
        self.text(text, x: center - width / 2, y: y)
        return width
    }

    /// Greedy word wrap of `text` into lines at most `width` wide (a word longer than the line stands alone).
    func wrap(_ text: String, width limit: Double) -> [String] {
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            let candidate = current.isEmpty ? String(word) : current + " " + word
            if current.isEmpty || width(candidate) <= limit {
                current = candidate
            } else {
                lines.append(current)
                current = String(word)
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }

    func line(from start: (Double, Double), to end: (Double, Double), width: Double = 0.6) {
        cairo_set_line_width(cr, width)
        cairo_move_to(cr, start.0, start.1)
        cairo_line_to(cr, end.0, end.1)
        cairo_stroke(cr)
    }

    func strokeRect(x: Double, y: Double, width: Double, height: Double, lineWidth: Double) {
        cairo_set_line_width(cr, lineWidth)
        cairo_rectangle(cr, x, y, width, height)
        cairo_stroke(cr)
    }

    /// A QR symbol as a 1-bit image mask (a few hundred bytes in the PDF, where one rectangle per run of modules
    /// took kilobytes), scaled without smoothing so every module stays square.
    func qr(_ matrix: QRCode.Matrix, x: Double, y: Double, module: Double) throws {
        let side = Int32(matrix.width)
        guard let image = cairo_image_surface_create(CAIRO_FORMAT_A1, side, side) else {
            throw PDFError.cairo("cannot make the QR image")
        }
        defer { cairo_surface_destroy(image) }
        cairo_surface_flush(image)
        let stride = Int(cairo_image_surface_get_stride(image))
        guard let data = cairo_image_surface_get_data(image) else { throw PDFError.cairo("no QR image data") }
        for row in 0..<matrix.width {
            for column in 0..<matrix.width where matrix.isDark(x: column, y: row) {
                // CAIRO_FORMAT_A1 packs pixels into native-endian 32-bit words: on little-endian machines the
                // first pixel is the lowest bit of the first byte.
                let word = row * stride + (column / 32) * 4
                let bit = column % 32
                let byte = UInt32(1).littleEndian == 1 ? word + bit / 8 : word + 3 - bit / 8
                data[byte] |= UInt8(1 << (bit % 8))
            }
        }
        cairo_surface_mark_dirty(image)
        cairo_save(cr)
        cairo_translate(cr, x, y)
        cairo_scale(cr, module, module)
        let pattern = cairo_pattern_create_for_surface(image)
        cairo_pattern_set_filter(pattern, CAIRO_FILTER_NEAREST)
        cairo_mask(cr, pattern)
        cairo_pattern_destroy(pattern)
        cairo_restore(cr)
    }

    func newPage() {
        cairo_show_page(cr)
    }

    /// Ends the document and returns the PDF's bytes.
    func finish() throws -> [UInt8] {
        cairo_show_page(cr)
        cairo_surface_finish(surface)
        let status = cairo_surface_status(surface)
        guard status == CAIRO_STATUS_SUCCESS else {
            throw PDFError.cairo(String(cString: cairo_status_to_string(status)))
        }
        return sink.bytes
    }
}
