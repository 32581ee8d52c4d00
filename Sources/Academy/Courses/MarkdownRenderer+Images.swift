import Foundation

extension MarkdownRenderer {
    /// Renders a lesson whose `media/` images are files in `mediaFolder`: each image the folder holds gets its
    /// `width` and `height` (so the text does not jump as it arrives; CSS scales it to the column), and every image
    /// after the first loads only when scrolled near (`loading="lazy"`), which spares a phone's data (issue 16).
    func renderLesson(_ markdown: String, mediaBase: String, mediaFolder: String) -> String {
        let html = render(markdown, mediaBase: mediaBase)
        return Self.decorateImages(html, mediaBase: mediaBase) { name in
            Folder.isSafe(name) && !name.contains("/") ? ImageSize.ofFile(mediaFolder + "/" + name) : nil
        }
    }

    /// Adds `loading="lazy"` (to all but the first) and the size `sizeOf` gives for a `media/` image's file name to
    /// every `<img>` cmark-gfm wrote. cmark writes each as `<img src="…" alt="…" />` with the address escaped, and
    /// text can never contain `<img` (its `<` is escaped), so the markers found are images.
    static func decorateImages(_ html: String, mediaBase: String, sizeOf: (String) -> ImageSize?) -> String {
        let marker = "<img src=\""
        guard html.contains(marker) else { return html }
        var result = ""
        var rest = Substring(html)
        var count = 0
        while let found = rest.range(of: marker) {
            result += rest[..<found.lowerBound]
            let source = rest[found.upperBound...].prefix { $0 != "\"" }
            var attributes = count == 0 ? "" : " loading=\"lazy\""
            if source.hasPrefix(mediaBase),
                let name = String(source.dropFirst(mediaBase.count)).removingPercentEncoding,
                let size = sizeOf(name)
            {
                attributes += " width=\"\(size.width)\" height=\"\(size.height)\""
            }
            result += "<img" + attributes + " src=\""
            rest = rest[found.upperBound...]
            count += 1
        }
        return result + rest
    }
}
