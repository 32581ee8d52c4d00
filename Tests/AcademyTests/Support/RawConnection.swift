import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A plain TCP connection to a live test server, for what an HTTP client library will not do: send a head that
/// promises a body and then stall, or trickle a body byte by byte.
final class RawConnection: @unchecked Sendable {
    let socket: Int32

    /// Connects to `localhost:port` (IPv4 or IPv6, whichever the server bound); reads time out after `timeout`.
    init(port: Int, timeout: TimeInterval = 15) throws {
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo("localhost", String(port), &hints, &list) == 0, let first = list else {
            throw POSIXError(.EHOSTUNREACH)
        }
        defer { freeaddrinfo(list) }
        var candidate: UnsafeMutablePointer<addrinfo>? = first
        while let info = candidate {
            let fd = Glibc.socket(info.pointee.ai_family, info.pointee.ai_socktype, info.pointee.ai_protocol)
            if fd >= 0, connect(fd, info.pointee.ai_addr, info.pointee.ai_addrlen) == 0 {
                var limit = timeval(tv_sec: Int(timeout), tv_usec: 0)
                setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
                socket = fd
                return
            }
            if fd >= 0 { close(fd) }
            candidate = info.pointee.ai_next
        }
        throw POSIXError(.ECONNREFUSED)
    }

    deinit { close(socket) }

    /// Sends text; false when the server has already closed the connection.
    @discardableResult
    func send(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBytes { Glibc.send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            == bytes.count
    }

    /// Everything the server sends until it closes the connection (or the read times out: then `closed` is false).
    /// The blocking reads run on a Dispatch thread: blocking one of Swift's few cooperative threads could starve
    /// the very server task the test waits for.
    func readUntilClosed() async -> (text: String, closed: Bool) {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(returning: self.blockingRead()) }
        }
    }

    private func blockingRead() -> (text: String, closed: Bool) {
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
            if count > 0 {
                received += buffer[0..<count]
            } else {
                // 0: orderly close; -1 with ECONNRESET: closed too; -1 with EAGAIN: the read timed out.
                let closed = count == 0 || errno == ECONNRESET
                return (String(decoding: received, as: UTF8.self), closed)
            }
        }
    }
}
