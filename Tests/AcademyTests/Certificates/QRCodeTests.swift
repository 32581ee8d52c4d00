import Foundation
import Testing

@testable import Academy

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// The verify URL as printed for the real site (49 bytes).
private let siteURL = "https://hoctap.tuyenquang.gov.vn/v/ABCD-EFGH-JKMN"
/// A verify URL of exactly 62 bytes, the most a certificate's QR code has to hold.
private let longestURL = "https://academy.hoctap.tuyenquang.gov.vn:8443/v/ABCD-EFGH-JKMN"

/// Whether an SVG can be rasterised and read back: Debian packages librsvg2-bin and zbar-tools.
private let decodeToolsPresent = Tools.find("rsvg-convert") != nil && Tools.find("zbarimg") != nil

/// Reads the `M x y h w v1 h-w z` runs of the SVG's path back into a set of dark (x, y) modules.
private func darkModules(inPath path: String) -> Set<[Int]>? {
    var modules = Set<[Int]>()
    for match in path.matches(of: /M(\d+) (\d+)h(\d+)v1h-(\d+)z/) {
        guard let x = Int(match.1), let y = Int(match.2), let w = Int(match.3), Int(match.4) == w else { return nil }
        for column in x..<(x + w) { modules.insert([column, y]) }
    }
    let rebuilt = path.matches(of: /M\d+ \d+h\d+v1h-\d+z/).map { String($0.output) }.joined()
    return rebuilt == path ? modules : nil
}

/// The value of attribute `name` in the first tag starting with `tag`.
private func attribute(_ name: String, of tag: String, in svg: String) -> String? {
    guard let start = svg.range(of: "<" + tag + " ") else { return nil }
    let rest = " " + svg[start.upperBound...].prefix { $0 != ">" }
    guard let open = rest.range(of: " " + name + "=\"") else { return nil }
    return String(rest[open.upperBound...].prefix { $0 != "\"" })
}

#if canImport(FoundationXML) || canImport(Darwin)
    /// Collects element names while an XMLParser checks well-formedness.
    private final class ElementCollector: NSObject, XMLParserDelegate {
        var names: [String] = []

        func parser(
            _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
            qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]
        ) {
            names.append(elementName)
        }
    }
#endif

@Suite struct QRCodeTests {
    @Test func verifyURLGivesCompactWellFormedSVG() throws {
        let svg = try QRCode.svg(siteURL)
        #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 "))
        #expect(svg.hasSuffix("</svg>"))
        #expect(svg.contains("shape-rendering=\"crispEdges\" role=\"img\" aria-label=\"QR\""))
        #expect(svg.matches(of: #/<path /#).count == 1)
        #expect(svg.matches(of: #/<rect /#).count == 1)
        #expect(attribute("fill", of: "rect", in: svg) == "#fff")
        #expect(svg.count < 6_000, "a small symbol's SVG stays a few kilobytes, was \(svg.count)")
        #if canImport(FoundationXML) || canImport(Darwin)
            let parser = XMLParser(data: Data(svg.utf8))
            let collector = ElementCollector()
            parser.delegate = collector
            #expect(parser.parse(), "not well-formed XML: \(String(describing: parser.parserError))")
            #expect(collector.names == ["svg", "rect", "path"])
        #endif
    }

    @Test func sizesFollowModuleSizeAndBorder() throws {
        let matrix = try QRCode.encode(siteURL)
        let svg = try QRCode.svg(siteURL, moduleSize: 5, border: 2)
        let side = matrix.width + 4
        #expect(attribute("viewBox", of: "svg", in: svg) == "0 0 \(side) \(side)")
        #expect(attribute("width", of: "svg", in: svg) == "\(side * 5)")
        #expect(attribute("height", of: "svg", in: svg) == "\(side * 5)")
    }

    @Test func pathDrawsExactlyTheDarkModules() throws {
        let matrix = try QRCode.encode(siteURL)
        let svg = try QRCode.svg(siteURL, border: 4)
        let path = try #require(attribute("d", of: "path", in: svg))
        let drawn = try #require(darkModules(inPath: path), "path is not made of M x y h w v1 h-w z runs")
        var expected = Set<[Int]>()
        for y in 0..<matrix.width {
            for x in 0..<matrix.width where matrix.isDark(x: x, y: y) { expected.insert([x + 4, y + 4]) }
        }
        #expect(drawn == expected)
        #expect(!expected.isEmpty)
    }

    @Test func sixtyTwoByteURLStaysWithinVersion4() throws {
        #expect(longestURL.utf8.count == 62)
        let matrix = try QRCode.encode(longestURL)
        #expect(matrix.version <= 4)
        #expect(matrix.width == 17 + 4 * matrix.version)
        #expect(matrix.width <= 33)
        let svg = try QRCode.svg(longestURL)
        let side = matrix.width + 8
        #expect(attribute("viewBox", of: "svg", in: svg) == "0 0 \(side) \(side)")
        #expect(try QRCode.encode(siteURL).version <= 4)
    }

    @Test func caseIsKept() throws {
        #expect(try QRCode.encode("https://a.vn/v/ABCD").dark != QRCode.encode("https://a.vn/v/abcd").dark)
    }

    @Test func tooLongTextThrowsTooLong() {
        #expect(throws: QRCodeError.tooLong) { try QRCode.svg(String(repeating: "x", count: 3_000)) }
    }

    @Test func emptyTextThrowsEncodingFailed() {
        #expect(throws: QRCodeError.encodingFailed) { try QRCode.svg("") }
    }

    @Test func concurrentEncodingGivesIdenticalResults() async throws {
        let reference = try QRCode.svg(longestURL)
        let results = try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<32 { group.addTask { try QRCode.svg(longestURL) } }
            return try await group.reduce(into: [String]()) { $0.append($1) }
        }
        #expect(results.count == 32)
        #expect(results.allSatisfy { $0 == reference })
    }

    @Test(
        "SVG decodes back to the same text with rsvg-convert and zbarimg",
        .enabled(if: decodeToolsPresent, "needs rsvg-convert (Debian librsvg2-bin) and zbarimg (zbar-tools)"),
        arguments: [siteURL, longestURL]
    )
    func decodesBackToTheSameText(_ url: String) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("qr-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data(QRCode.svg(url).utf8).write(to: folder.appendingPathComponent("qr.svg"))
        let rsvg = try #require(Tools.find("rsvg-convert"))
        let zbar = try #require(Tools.find("zbarimg"))
        let (convertStatus, _) = try Tools.run(rsvg, ["-o", "qr.png", "qr.svg"], in: folder)
        #expect(convertStatus == 0)
        let (status, data) = try Tools.run(zbar, ["--quiet", "--raw", "qr.png"], in: folder)
        let output = String(decoding: data, as: UTF8.self)
        #expect(status == 0)
        #expect(output.trimmingCharacters(in: .newlines) == url)
    }
}
