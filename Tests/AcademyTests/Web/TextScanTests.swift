import Hummingbird
import Testing

@testable import Academy

/// The two byte scanners on every request: one cookie out of the `Cookie` header, and `{n}` in a text.
@Suite struct TextScanTests {
    @Test(
        arguments: [
            ("lang=en", "lang", "en"), ("a=1; lang=vi; b=2", "lang", "vi"), ("language=x; lang=en", "lang", "en"),
            ("lang2=x", "lang", nil), ("xlang=en", "lang", nil), ("lang=", "lang", ""), ("  lang=a=b", "lang", "a=b"),
            ("lang", "lang", nil), ("", "lang", nil), ("tên=Hòa; lang=en", "lang", "en"), ("a=1;lang=vi", "lang", "vi"),
        ] as [(String, String, String?)])
    func oneCookieIsFound(header: String, name: String, expected: String?) {
        #expect(Request.cookie(name, in: header) == expected)
    }

    @Test func placeholdersAreFilledInOnePass() {
        #expect(Strings.fill("Xin chào, {0}.", ["Hoà"]) == "Xin chào, Hoà.")
        #expect(Strings.fill("{1}/{0} {0}", ["a", "b"]) == "b/a a")
        #expect(Strings.fill("{0} and {2}", ["x"]) == "x and {2}", "an argument that is not there stays as written")
        #expect(Strings.fill("{0}", ["{1}", "y"]) == "{1}", "an argument is not filled in again")
        #expect(Strings.fill("{", ["x"]) == "{")
        #expect(Strings.fill("đã {0}", ["xong"]) == "đã xong")
    }
}
