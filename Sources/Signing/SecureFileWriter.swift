#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes secret files: created 0600 under a temporary name with
/// O_CREAT|O_EXCL, fsync'ed, then renamed over the destination.
public enum SecureFileWriter {
    /// Atomically replaces `path` with `bytes`, mode 0600.
    public static func write(_ bytes: [UInt8], to path: String) throws {
        let suffix = Hex.encode(try SecureRandom.bytes(8))
        let temporary = "\(path).tmp-\(suffix)"
        let fd = open(temporary, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw failure("open \(temporary)") }
        var closed = false
        var renamed = false
        defer {
            if !closed { close(fd) }
            if !renamed { unlink(temporary) }
        }
        guard fchmod(fd, 0o600) == 0 else { throw failure("fchmod \(temporary)") }
        try bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                guard let base = raw.baseAddress else { break }
                let result = posixWrite(fd, base + offset, raw.count - offset)
                if result < 0 {
                    if errno == EINTR { continue }
                    throw failure("write \(temporary)")
                }
                offset += result
            }
        }
        guard fsync(fd) == 0 else { throw failure("fsync \(temporary)") }
        closed = true
        guard close(fd) == 0 else { throw failure("close \(temporary)") }
        guard rename(temporary, path) == 0 else { throw failure("rename to \(path)") }
        renamed = true
    }

    /// The POSIX write(2), named apart from this type's `write`.
    private static func posixWrite(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
        #if canImport(Darwin)
            return Darwin.write(fd, buffer, count)
        #elseif canImport(Musl)
            return Musl.write(fd, buffer, count)
        #else
            return Glibc.write(fd, buffer, count)
        #endif
    }

    /// An `.io` error for `operation` with the current `errno` text.
    private static func failure(_ operation: String) -> SigningError {
        let code = errno
        let text = strerror(code).map { String(cString: $0) } ?? "errno \(code)"
        return .io("\(operation): \(text)")
    }
}
