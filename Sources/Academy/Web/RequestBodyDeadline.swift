import NIOCore
import NIOHTTPTypes

/// Closes a connection whose request body does not arrive whole in time, or which is still sending a body that
/// the server has already answered (a refused upload).
///
/// Hummingbird's idle timeout counts from the last byte read, so a client that trickles a byte every few seconds
/// keeps its connection (and whatever the server collected of its body) for ever. This handler gives each body a
/// deadline counted from its request's head (issue 13). Headers trickled slowly never reach it: until a head is
/// complete no part is read, and the idle timeout closes the connection.
final class RequestBodyDeadline: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    let timeout: TimeAmount
    /// How long a refused body may keep coming after the answer before the connection is closed.
    let lingering: TimeAmount
    private var deadline: Scheduled<Void>?
    /// When the head of the request being read arrived.
    private var headTime: NIODeadline?
    /// True from a request's head until its end has been read.
    private var readingBody = false
    /// True once the answer went out while the body was still coming: the rest is dropped here, as it arrives.
    private var discarding = false

    init(timeout: TimeAmount, lingering: TimeAmount = .seconds(5)) {
        self.timeout = timeout
        self.lingering = lingering
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head:
            readingBody = true
            // The clock starts at the head, but the timer is set only when a body part comes: most requests have
            // no body (the end follows the head at once), and a timer set and cancelled on each of them cost a
            // few per cent of a page's CPU. A head with a declared body and no byte of it is the idle timeout's.
            headTime = .now()
            deadline?.cancel()
            deadline = nil
        case .body:
            // Dropped at once rather than handed on for Hummingbird to read and throw away: a client pushing
            // megabytes at a refused route would otherwise have them buffered on their way to the drain.
            if discarding { return }
            if deadline == nil, readingBody, let headTime {
                let loopBound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
                deadline = context.eventLoop.scheduleTask(deadline: headTime + timeout) {
                    let (handler, context) = loopBound.value
                    handler.deadline = nil
                    if handler.readingBody { context.close(promise: nil) }
                }
            }
        case .end:
            readingBody = false
            discarding = false
            headTime = nil
            deadline?.cancel()
            deadline = nil
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        // The answer is complete but the client is still sending the body it belongs to: the server has refused
        // it (413, 403…) without reading it. Send the answer and half-close (FIN), as nginx's lingering close does:
        // a full close with unread bytes would make the kernel send a reset that can destroy the answer before the
        // client reads it. The rest of the body is dropped here as it arrives, and the connection is closed after
        // `lingering` seconds whether or not the client has finished.
        if case .end = unwrapOutboundIn(data), readingBody {
            discarding = true
            let written = promise ?? context.eventLoop.makePromise()
            context.writeAndFlush(data, promise: written)
            let loopBound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
            written.futureResult.whenComplete { _ in
                let (handler, context) = loopBound.value
                context.close(mode: .output, promise: nil)
                // Linger a few seconds for the client to read the answer, then close whatever it still sends.
                handler.deadline?.cancel()
                handler.deadline = context.eventLoop.scheduleTask(in: handler.lingering) {
                    handler.deadline = nil
                    context.close(promise: nil)
                }
            }
            return
        }
        context.write(data, promise: promise)
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        deadline?.cancel()
        deadline = nil
    }
}
