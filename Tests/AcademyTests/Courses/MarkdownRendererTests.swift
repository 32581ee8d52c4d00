import Testing

@testable import Academy

private let base = "/courses/abc/media/"

private func render(_ markdown: String) -> String {
    MarkdownRenderer().render(markdown, mediaBase: base)
}

/// Whether the HTML could run script: a script tag, an event attribute or a script URL (quoted attribute values,
/// where escaped text cannot start an attribute, are left out of the search).
private func looksUnsafe(_ html: String) -> Bool {
    let lower = html.lowercased()
    if lower.contains("<script") || lower.contains("javascript:") || lower.contains("vbscript:") { return true }
    return lower.replacing(/"[^"]*"/, with: "\"\"").contains(/\son[a-z]+\s*=/)
}

@Suite struct MarkdownRendererTests {
    @Test func scriptBlockAndInlineAreOmitted() {
        let block = render("<script>alert(1)</script>\n\nText")
        #expect(!block.contains("<script"))
        #expect(!block.contains("alert(1)"))
        #expect(block.contains("<p>Text</p>"))
        let inline = render("Hello <script>alert(2)</script> world")
        #expect(!inline.contains("<script"))
        #expect(inline.contains("raw HTML omitted"))
    }

    @Test func rawHTMLWithEventAttributesIsOmitted() {
        for markdown in [
            "<img src=x onerror=alert(1)>",
            "Text <img src=x onerror=alert(1)> more",
            "<a href=\"https://example.com\" onclick=\"alert(1)\">x</a>",
            "<div onmouseover=\"alert(1)\">\n\n*x*\n\n</div>",
            "<svg/onload=alert(1)>",
            "<iframe src=\"https://evil.example\"></iframe>",
        ] {
            let html = render(markdown)
            #expect(!looksUnsafe(html), "\(markdown) → \(html)")
            #expect(!html.contains("<img") && !html.contains("<a ") && !html.contains("<iframe"), "\(html)")
        }
    }

    @Test func javascriptLinksLoseTheirAddress() {
        for markdown in [
            "[x](javascript:alert(1))",
            "[x](JAVASCRIPT:alert(1))",
            "[x](  javascript:alert(1))",
            "[x](<javascript:alert(1)>)",
            "[x](JaVaScRiPt:alert(1))",
            "[x](java&#9;script:alert(1))",
            "[x](&#106;avascript:alert(1))",
            "[x](&#32;javascript:alert(1))",
            "[x](vbscript:msgbox(1))",
            "[x](file:///etc/passwd)",
            "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
            "[x][r]\n\n[r]: javascript:alert(1)",
        ] {
            let html = render(markdown)
            #expect(html.contains("<a href=\"\">x</a>"), "\(markdown) → \(html)")
            #expect(!looksUnsafe(html), "\(markdown) → \(html)")
        }
        #expect(render("<javascript:alert(1)>").contains("<a href=\"\">"))
        #expect(render("![x](javascript:alert(1))").contains("<img src=\"\" alt=\"x\" />"))
    }

    @Test func titlesAndAddressesCannotBreakOutOfTheirAttribute() {
        let html = render("[t](https://example.com/\"onmouseover=alert(1) \"x\\\" onclick=alert(1)\")")
        // The quotes are escaped, so both attempts stay inside their attribute values.
        #expect(
            html == "<p><a href=\"https://example.com/%22onmouseover=alert(1)\" "
                + "title=\"x&quot; onclick=alert(1)\">t</a></p>\n")
    }

    @Test func safeLinksAreKept() {
        #expect(render("[a](https://example.com/x?y=1#z)").contains("<a href=\"https://example.com/x?y=1#z\">a</a>"))
        #expect(render("[a](mailto:a@example.com)").contains("href=\"mailto:a@example.com\""))
        #expect(render("[a](#section)").contains("href=\"#section\""))
        #expect(render("[a](other.md)").contains("href=\"other.md\""))
        #expect(render("www.example.com").contains("<a href=\"http://www.example.com\">www.example.com</a>"))
        #expect(render("![d](data:image/png;base64,AAAA)").contains("src=\"data:image/png;base64,AAAA\""))
    }

    @Test func gfmExtensions() {
        let table = render("| Cột | Giá trị |\n|---|---:|\n| a | 1 |")
        #expect(table.contains("<table>"))
        #expect(table.contains("<th>Cột</th>"))
        #expect(table.contains("<td align=\"right\">1</td>"))
        #expect(render("~~cũ~~").contains("<del>cũ</del>"))
        let tasks = render("- [x] done\n- [ ] todo")
        #expect(tasks.contains("<input type=\"checkbox\" checked=\"\" disabled=\"\" /> done"))
        #expect(tasks.contains("<input type=\"checkbox\" disabled=\"\" /> todo"))
    }

    @Test func mediaImagesAreRewritten() {
        #expect(
            render("![Sơ đồ](media/so-do.png)") == "<p><img src=\"/courses/abc/media/so-do.png\" alt=\"Sơ đồ\" /></p>\n"
        )
        #expect(render("![a](./media/a.jpg)").contains("src=\"/courses/abc/media/a.jpg\""))
        #expect(render("![a](media/sub/a.webp)").contains("src=\"/courses/abc/media/sub/a.webp\""))
        #expect(render("![a](https://example.com/a.png)").contains("src=\"https://example.com/a.png\""))
        #expect(render("![a](http://example.com/a.png)").contains("src=\"http://example.com/a.png\""))
    }

    @Test func climbingOrRootedPathsAreNeutralised() {
        for url in [
            "../secret.png", "media/../../secret.png", "media/..", "/etc/passwd", "//evil.example/x.png",
            "media/%2e%2e/%2E%2E/x.png", "..\\\\x.png", "\\\\evil.example\\x.png",
        ] {
            #expect(render("![a](\(url))").contains("<img src=\"\" alt=\"a\" />"), "\(url)")
            #expect(render("[a](\(url))").contains("<a href=\"\">a</a>"), "\(url)")
        }
        #expect(render("[a](https://example.com/../x)").contains("href=\"https://example.com/../x\""))
        #expect(render("![a](media/x..y.png)").contains("src=\"/courses/abc/media/x..y.png\""))
    }

    @Test func textIsKeptAsWritten() {
        let html = render("\"Quotes\" -- dashes... 'single'")
        #expect(html == "<p>&quot;Quotes&quot; -- dashes... 'single'</p>\n")
    }

    @Test func vietnameseIsPreservedByteForByte() {
        let nfc = "Chuyển đổi số cấp xã: chính quyền số, kinh tế số, xã hội số. Tiếng Việt có dấu ẫ ặ ỹ Đ."
        let nfd = "Vie\u{0302}\u{0323}t Nam"
        for text in [nfc, nfd] {
            let html = render("# \(text)\n\n**\(text)**\n\n\(text)")
            #expect(Array(html.utf8).firstRange(of: Array(text.utf8)) != nil)
            #expect(html.hasPrefix("<h1>"))
        }
        #expect(render("Việt") == "<p>Việt</p>\n")
    }

    @Test func edgeInputs() {
        #expect(render("") == "")
        #expect(render("a\u{0}b") == "<p>a\u{FFFD}b</p>\n")
    }

    @Test func concurrentRenderingGivesTheSameResult() async {
        let markdown = String(
            repeating: "Some ~~struck~~ text, www.example.com, *emph* and ![i](media/i.png).\n\n",
            count: 40)
        let expected = render(markdown)
        let mismatches = await withTaskGroup(of: Int.self) { group in
            for _ in 0..<8 {
                group.addTask { (0..<100).filter { _ in render(markdown) != expected }.count }
            }
            return await group.reduce(0, +)
        }
        #expect(mismatches == 0)
        #expect(expected.contains("<del>struck</del>"))
    }

    @Test func safeURLRules() {
        #expect(MarkdownRenderer.safeURL("media/x.png", isImage: true, mediaBase: "/m/") == "/m/x.png")
        #expect(MarkdownRenderer.safeURL("media/x.png", isImage: false, mediaBase: "/m/") == "media/x.png")
        #expect(MarkdownRenderer.safeURL("HTTPS://e.com/a", isImage: true, mediaBase: "/m/") == "HTTPS://e.com/a")
        #expect(MarkdownRenderer.safeURL(" javascript:x", isImage: false, mediaBase: "/m/") == "")
        #expect(MarkdownRenderer.safeURL("data:image/gif;base64,R0", isImage: false, mediaBase: "/m/") == "")
        #expect(
            MarkdownRenderer.safeURL("data:image/gif;base64,R0", isImage: true, mediaBase: "/m/")
                == "data:image/gif;base64,R0")
        #expect(MarkdownRenderer.safeURL("a/.%2E/b", isImage: false, mediaBase: "/m/") == "")
        #expect(MarkdownRenderer.safeURL("tel:+84123", isImage: false, mediaBase: "/m/") == "tel:+84123")
    }
}
