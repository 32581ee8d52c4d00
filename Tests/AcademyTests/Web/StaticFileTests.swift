import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@testable import Academy

@Suite struct StaticFileTests {
    @Test func servesFilesWithTypeAndValidators() async throws {
        try await TestApp.test { client in
            let response = try await client.execute(uri: "/css/site.css", method: .get)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "text/css; charset=utf-8")
            #expect(response.headers[.eTag] != nil)
            #expect(response.headers[.lastModified] != nil)
            #expect(response.headers[.cacheControl] == "public, max-age=300")
            #expect(response.text.contains("#123456"))
            let js = try await client.execute(uri: "/js/app.js", method: .get)
            #expect(js.headers[.contentType] == "text/javascript; charset=utf-8")
            let png = try await client.execute(uri: "/logo.png", method: .get)
            #expect(png.headers[.contentType] == "image/png")
        }
    }

    @Test func answersNotModifiedToAMatchingETag() async throws {
        try await TestApp.test { client in
            let first = try await client.execute(uri: "/css/site.css", method: .get)
            let etag = try #require(first.headers[.eTag])
            let second = try await client.execute(uri: "/css/site.css", method: .get, headers: [.ifNoneMatch: etag])
            #expect(second.status == .notModified)
            #expect(second.body.readableBytes == 0)
        }
    }

    @Test func gzipsTextWhenTheClientAcceptsIt() async throws {
        try await TestApp.test { client in
            let plain = try await client.execute(uri: "/css/big.css", method: .get)
            #expect(plain.headers[.contentEncoding] == nil)
            let zipped = try await client.execute(
                uri: "/css/big.css", method: .get, headers: [.acceptEncoding: "br;q=0, gzip;q=0.8"])
            #expect(zipped.headers[.contentEncoding] == "gzip")
            #expect(zipped.body.readableBytes < plain.body.readableBytes)
            // gzip magic number
            #expect(zipped.body.getBytes(at: 0, length: 2) == [0x1f, 0x8b])
            #expect(zipped.headers[.vary] == "Accept-Encoding")
        }
    }

    @Test func versionedAddressIsCachedForAYear() async throws {
        let services = try await TestApp.services()
        let path = services.files.versionedPath("/css/site.css")
        #expect(path.hasPrefix("/css/site.css?v="))
        try await TestApp.router(services).test(.router) { client in
            let response = try await client.execute(uri: path, method: .get)
            #expect(response.headers[.cacheControl] == "public, max-age=31536000, immutable")
        }
    }

    @Test(arguments: [
        "/../Package.swift", "/css/../../Package.swift", "/%2e%2e/Package.swift", "/css/%2E%2E/%2e%2e/Package.swift",
        "/%252e%252e/Package.swift", "/css/..%2fsite.css", "/css/%2e%2e%2f%2e%2e%2fPackage.swift",
        "/%25252e%25252e/x", "/css/..%5c..%5cPackage.swift", "/css\\..\\Package.swift", "/./css/site.css",
        "/css/site.css%00.png",
    ])
    func refusesEveryWayOutOfPublic(path: String) async throws {
        try await TestApp.test { client in
            let response = try await client.execute(uri: path, method: .get)
            #expect([HTTPResponse.Status.badRequest, .notFound].contains(response.status), "\(path)")
            #expect(!response.text.contains("swift-tools-version"))
        }
    }

    @Test func doesNotFollowSymbolicLinksOutOfPublic() async throws {
        try await TestApp.test { client in
            let response = try await client.execute(uri: "/link.txt", method: .get)
            #expect(response.status == .notFound)
            #expect(!response.text.contains("secret"))
        }
    }
}
