import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

@testable import Academy

/// Behind a reverse proxy each client is still itself (issue 13, point 7).
@Suite struct TrustedProxyTests {
    static let proxies = ["10.0.0.0/8", "fd00::/8", "192.0.2.7"].compactMap(IPRange.init)

    @Test func rangesAreReadAndMatched() throws {
        let v4 = try #require(IPRange("10.1.2.3/8"))
        #expect(v4.description == "10.0.0.0/8")
        #expect(v4.contains(try #require(IPAddress("10.255.0.1"))))
        #expect(!v4.contains(try #require(IPAddress("11.0.0.1"))))
        #expect(v4.contains(try #require(IPAddress("::ffff:10.9.9.9"))))
        let v6 = try #require(IPRange("2001:db8::/32"))
        #expect(v6.contains(try #require(IPAddress("2001:DB8:ffff::1"))))
        #expect(!v6.contains(try #require(IPAddress("2001:db9::1"))))
        #expect(!v6.contains(try #require(IPAddress("32.1.13.184"))))
        #expect(IPRange("::1")?.contains(try #require(IPAddress("0:0::1"))) == true)
        #expect(IPRange("::ffff:10.0.0.0/104") == v4)
        for bad in [
            "", "10.0.0.0/33", "::/129", "10.0.0", "10.0.0.256", "10.0.0.0/", "10.0.0.0/+8", "fe80::1%eth0",
            "example.org", "10.0.0.0/8/8", "2001:db8:::1",
        ] {
            #expect(IPRange(bad) == nil, "\(bad)")
        }
    }

    @Test func anIPv6AddressIsCountedByItsSlash64() throws {
        #expect(IPAddress("2001:db8:1:2:aaaa::1")?.clientKey == "2001:db8:1:2::/64")
        #expect(IPAddress("::ffff:192.0.2.1")?.clientKey == "192.0.2.1")
    }

    @Test func theRightmostUntrustedHopIsTheClient() {
        func resolve(_ peer: String?, _ xff: [String]) -> String? {
            ClientAddress.resolve(peer: peer, forwardedFor: xff, trusted: Self.proxies)
        }
        // an untrusted peer's header is ignored
        #expect(resolve("203.0.113.5", ["198.51.100.1"]) == "203.0.113.5")
        // a trusted peer: the hop it appended, skipping our own proxies, never what the client wrote before it
        #expect(resolve("10.0.0.2", ["6.6.6.6, 198.51.100.1"]) == "198.51.100.1")
        #expect(resolve("10.0.0.2", ["6.6.6.6", "198.51.100.1, 10.0.0.9"]) == "198.51.100.1")
        #expect(resolve("192.0.2.7", ["2001:db8::1, fd00::3"]) == "2001:db8::1")
        #expect(resolve("::ffff:10.0.0.2", ["198.51.100.1:5000"]) == "198.51.100.1")
        #expect(resolve("10.0.0.2", ["[2001:db8::2]:443"]) == "2001:db8::2")
        // garbage stops the walk at the last address believed
        #expect(resolve("10.0.0.2", ["198.51.100.1, nonsense"]) == "10.0.0.2")
        #expect(resolve("10.0.0.2", ["198.51.100.1, nonsense, 10.0.0.3"]) == "10.0.0.3")
        // every hop trusted: the leftmost; no header: the peer; no peer: nobody
        #expect(resolve("10.0.0.2", ["10.0.0.3, 10.0.0.4"]) == "10.0.0.3")
        #expect(resolve("10.0.0.2", []) == "10.0.0.2")
        #expect(resolve(nil, ["198.51.100.1"]) == nil)
        #expect(ClientAddress.resolve(peer: "10.0.0.2", forwardedFor: ["198.51.100.1"], trusted: []) == "10.0.0.2")
    }

    @Test func theSettingIsReadFromEveryLayer() throws {
        let path = NSTemporaryDirectory() + "academy-config-\(UUID().uuidString).yaml"
        try "trusted_proxies: [127.0.0.1, \"fd00::/8\"]\n".write(toFile: path, atomically: true, encoding: .utf8)
        let fromFile = try ConfigLoader(environment: ["ACADEMY_CONFIG": path]).load()
        #expect(fromFile.trustedProxies.map(\.description) == ["127.0.0.1/32", "fd00::/8"])
        let fromEnv = try ConfigLoader(environment: ["ACADEMY_TRUSTED_PROXIES": " 10.0.0.0/8 , ::1"]).load()
        #expect(fromEnv.trustedProxies.map(\.description) == ["10.0.0.0/8", "::1/128"])
    }

    @Test func aBadRangeStopsStartUpNamingTheKey() throws {
        do {
            _ = try ConfigLoader(environment: ["ACADEMY_TRUSTED_PROXIES": "10.0.0.1, 10.0.0.0/33"]).load()
            Issue.record("expected an error")
        } catch let error as ConfigError {
            #expect(error.key == "trusted_proxies")
            #expect(error.message.contains("10.0.0.0/33"))
        }
    }

    /// Through a real connection from 127.0.0.1 (the router test client has no peer address).
    func signInThrottle(trusting proxies: String) async throws -> (first: [Int], second: Int) {
        var services = try await TestApp.services()
        var config = services.config
        config.trustedProxies = try ConfigLoader(environment: ["ACADEMY_TRUSTED_PROXIES": proxies]).load()
            .trustedProxies
        services = services.replacing(
            config: config, throttle: SignInThrottle(window: 60, perUsername: 100, perAddress: 3))
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        let app = Application(router: buildRouter(services), logger: logger)
        return try await app.test(.live) { client in
            func attempt(from address: String) async throws -> Int {
                let response = try await client.execute(
                    uri: "/api/v1/session", method: .post,
                    headers: [.contentType: "application/json", HTTPField.Name("X-Forwarded-For")!: address],
                    body: ByteBuffer(string: #"{"username":"nobody","password":"sai-mat-khau"}"#))
                return Int(response.status.code)
            }
            var first: [Int] = []
            for _ in 0..<4 { first.append(try await attempt(from: "198.51.100.1")) }
            return (first, try await attempt(from: "198.51.100.2"))
        }
    }

    @Test func clientsBehindATrustedProxyAreThrottledApart() async throws {
        // given a proxy on 127.0.0.1 that we trust, and three tries per address
        let result = try await signInThrottle(trusting: "127.0.0.1, ::1")
        // then the first client is stopped, and the second is not
        #expect(result.first == [401, 401, 401, 429])
        #expect(result.second == 401)
    }

    @Test func anUntrustedPeerCannotChooseItsAddress() async throws {
        // given nothing trusted
        let result = try await signInThrottle(trusting: "")
        // then the header is ignored: both "clients" are the one peer
        #expect(result.first == [401, 401, 401, 429])
        #expect(result.second == 429)
    }
}
