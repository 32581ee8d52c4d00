import Hummingbird
import Testing

@testable import Academy

/// Issue 14: fixed forms are read by Hummingbird's URLEncodedFormDecoder; what it does with browsers' input.
@Suite struct FormBodyTests {
    struct Sample: Decodable, Equatable {
        @Trimmed var name: String?
        var password: String?
        var confirm: String?
    }

    @Test func fieldsAreDecodedTrimmedWhereAskedAndMissingOnesAreNil() throws {
        let form = try FormBody.decode(Sample.self, from: "name=+Ho%C3%A0ng+Anh+&password=+a+b+&_csrf=x&empty")
        #expect(form.name == "Hoàng Anh")
        #expect(form.password == " a b ")
        #expect(form.confirm == nil)
        // NFD typed in, NFC read
        #expect(try FormBody.decode(Sample.self, from: "name=Hoa%CC%80ng").name == "Hoàng")
        #expect(try FormBody.decode(Sample.self, from: "").name == nil)
        #expect(try FormBody.decode(Sample.self, from: "confirm=").confirm == "")
        // bytes that are not UTF-8 become U+FFFD, as FormData reads them: a person's text, not an error
        #expect(try FormBody.decode(Sample.self, from: "name=%C3").name == "\u{FFFD}")
    }

    @Test(arguments: ["name=%zz", "name[=x", "name=a&name=b"])
    func unreadableInputIsA400(text: String) {
        #expect(throws: AppError(.badRequest, "bad_request")) { try FormBody.decode(Sample.self, from: text) }
    }

    /// Why `FormData` stays for checkboxes: browsers repeat the field's name, which this decoder refuses.
    @Test func repeatedKeysAsBrowsersSendThemNeedFormData() throws {
        struct Boxes: Decodable { var box: [String]? }
        #expect(throws: (any Error).self) { try URLEncodedFormDecoder().decode(Boxes.self, from: "box=a&box=b") }
        #expect(try URLEncodedFormDecoder().decode(Boxes.self, from: "box[]=a&box[]=b").box == ["a", "b"])
        #expect(FormData("box=a&box=b").all("box") == ["a", "b"])
    }
}
