import COpenSSL

/// Access to OpenSSL's thread-local error queue.
///
/// All functions in this module are synchronous, so the queue read after a
/// failure belongs to the same thread as the failing call.
enum OpenSSLErrorQueue {
    /// Drains the error queue into one string (entries joined by "; ")
    /// and leaves the queue empty.
    static func drain() -> String {
        var messages: [String] = []
        while true {
            let code = ERR_get_error()
            if code == 0 { break }
            var buffer = [CChar](repeating: 0, count: 256)
            buffer.withUnsafeMutableBufferPointer { raw in
                ERR_error_string_n(code, raw.baseAddress, raw.count)
            }
            let bytes = buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
            messages.append(String(decoding: bytes, as: UTF8.self))
        }
        ERR_clear_error()
        return messages.isEmpty ? "no details in the OpenSSL error queue" : messages.joined(separator: "; ")
    }

    /// Builds a `.openssl` error for `operation` from the drained queue.
    static func error(_ operation: String) -> SigningError {
        .openssl("\(operation) failed: \(drain())")
    }

    /// Builds an `.invalidKey` error for `operation` from the drained queue.
    static func keyError(_ operation: String) -> SigningError {
        .invalidKey("\(operation) failed: \(drain())")
    }

    /// Discards whatever is in the queue (used after expected failures,
    /// such as a signature that does not verify).
    static func clear() {
        ERR_clear_error()
    }
}
