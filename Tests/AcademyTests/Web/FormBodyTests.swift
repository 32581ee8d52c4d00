import HTTPTypes
import Hummingbird
import HummingbirdTesting
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

    @Test func aFormItCannotReadIsThe400PageAndChangesNothing() async throws {
        try await TestApp.withServices { services, client in
            // given
            let (_, code) = try await CertificateFlowTests().passFinal(services)
            let hr = try await People.browser(services, try await People.make(services, "nhansu-form", role: .hr))
            let token = try #require(hr[CSRFMiddleware.headerName])
            // when: a broken escape, and a field given twice
            var responses: [TestResponse] = []
            for body in ["reason=%zz&confirm=1", "reason=a&reason=b&confirm=1"] {
                responses.append(
                    try await client.execute(
                        uri: "/admin/certificates/\(code)/revoke", method: .post, headers: People.formHeaders(hr),
                        body: ByteBuffer(string: body + "&_csrf=" + token)))
            }
            // then
            for response in responses {
                #expect(response.status == .badRequest)
                #expect(response.headers[.contentType]?.hasPrefix("text/html") == true)
            }
            #expect(try await services.certificates.find(code)?.isRevoked == false)
        }
    }
}
