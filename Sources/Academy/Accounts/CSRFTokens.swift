import GRDB
import Signing

/// Makes and checks CSRF tokens bound to the browser and to its session (issue 13).
///
/// The browser's `csrf` cookie holds a random nonce; the token in its forms is HMAC-SHA-256(secret, nonce, session).
/// A token copied from another browser, another session or made up fails, even with a cookie the attacker planted:
/// without the server's secret nobody can compute the token for a nonce. The secret lives in the database, so
/// forms open in browsers stay valid across a restart.
public struct CSRFTokens: Sendable {
    let secret: [UInt8]

    public init(secret: [UInt8]) {
        self.secret = secret
    }

    /// The installation's secret, made on first use.
    public static func load(_ database: AppDatabase) async throws -> CSRFTokens {
        let fresh = Base64URL.encode(try SecureRandom.bytes(32))
        let stored = try await database.writer.write { db in
            try db.execute(
                sql: "INSERT OR IGNORE INTO app_setting (key, value) VALUES ('csrf_secret', ?)", arguments: [fresh])
            return try String.fetchOne(db, sql: "SELECT value FROM app_setting WHERE key = 'csrf_secret'") ?? fresh
        }
        return CSRFTokens(secret: Array(stored.utf8))
    }

    /// The token for forms of the browser with this nonce, signed in with this session (nil: not signed in).
    public func token(nonce: String, sessionID: Int64?) -> String {
        let message = nonce + "|" + (sessionID.map(String.init) ?? "-")
        return Base64URL.encode(Digest.hmacSHA256(key: secret, Array(message.utf8)))
    }

    /// Whether `sent` is the token of this nonce and session, compared in constant time.
    public func isValid(_ sent: String, nonce: String, sessionID: Int64?) -> Bool {
        let expected = token(nonce: nonce, sessionID: sessionID)
        return sent.utf8.count == expected.utf8.count && ConstantTime.equals(Array(sent.utf8), Array(expected.utf8))
    }
}
