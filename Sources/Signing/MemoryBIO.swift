import COpenSSL

/// Helpers for OpenSSL memory BIOs, used to move PEM text in and out.
enum MemoryBIO {
    /// Runs `body` with a read-only memory BIO over the UTF-8 bytes of `text`.
    static func withReader<T>(_ text: String, _ body: (OpaquePointer) throws -> T) throws -> T {
        let bytes = Array(text.utf8)
        guard bytes.count < Int(Int32.max) else {
            throw SigningError.invalidArgument("PEM text too large")
        }
        return try bytes.withUnsafeBytes { raw in
            guard let bio = BIO_new_mem_buf(raw.baseAddress, Int32(raw.count)) else {
                throw OpenSSLErrorQueue.error("BIO_new_mem_buf")
            }
            defer { BIO_free(bio) }
            return try body(bio)
        }
    }

    /// Runs `write` against a fresh memory BIO and returns everything written
    /// as a string. `write` returns OpenSSL's status (1 means success).
    static func collect(_ operation: String, _ write: (OpaquePointer) -> Int32) throws -> String {
        guard let method = BIO_s_mem(), let bio = BIO_new(method) else {
            throw OpenSSLErrorQueue.error("BIO_new")
        }
        defer { BIO_free(bio) }
        guard write(bio) == 1 else { throw OpenSSLErrorQueue.error(operation) }
        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = chunk.withUnsafeMutableBytes { buffer in
                BIO_read(bio, buffer.baseAddress, Int32(buffer.count))
            }
            if count <= 0 { break }
            output.append(contentsOf: chunk[0..<Int(count)])
        }
        OpenSSLErrorQueue.clear()
        return String(decoding: output, as: UTF8.self)
    }
}
