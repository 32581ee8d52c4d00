/// Where to send someone after signing in: only a path of this site (issue 13, point 8).
enum NextPath {
    /// `text` when a browser, however it reads it, stays on this site; nil otherwise.
    ///
    /// Browsers parse a `Location` leniently (WHATWG URL): they trim C0 controls and spaces at both ends, drop
    /// tabs, CR and LF anywhere and read `\` as `/`, so `/<TAB>/evil.example` and `/\evil.example` both become
    /// `//evil.example`, another site. Rather than predict that rewriting, a target containing anything it would
    /// touch is refused; what is left reads the same to us and to the browser, and must then start with exactly
    /// one `/`. Our own links never contain such characters, so nothing legitimate is lost.
    static func sameOrigin(_ text: String) -> String? {
        guard text.hasPrefix("/"), !text.hasPrefix("//"), !text.unicodeScalars.contains(where: rewrittenByBrowsers),
            // No `.` or `..` segments (`/.//evil` resolves to `//evil`), nor encodings that hide one.
            PathSafety.isSafe(text)
        else { return nil }
        return text
    }

    /// C0 controls and space (trimmed at the ends; tab, CR and LF removed anywhere) and `\` (read as `/`); also
    /// DEL and the C1 controls, which have no place in a link.
    static func rewrittenByBrowsers(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value <= 0x20 || scalar == "\\" || (0x7f...0x9f).contains(scalar.value)
    }
}
