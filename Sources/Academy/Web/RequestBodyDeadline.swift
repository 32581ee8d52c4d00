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
    private var deadline: Scheduled<Void>?
    /// True from a request's head until its end has been read.
    private var readingBody = false

    init(timeout: TimeAmount) {
        self.timeout = timeout
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head:
            readingBody = true
            deadline?.cancel()
            let loopBound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
            deadline = context.eventLoop.scheduleTask(in: timeout) {
                let (handler, context) = loopBound.value
                handler.deadline = nil
                if handler.readingBody { context.close(promise: nil) }
            }
        case .body:
            break
        case .end:
            readingBody = false
            deadline?.cancel()
            deadline = nil
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        // The answer is complete but the client is still sending the body it belongs to: the server has refused
        // it (413, 403…) without reading it. Send the answer and half-close (FIN), as nginx's lingering close does:
        // a full close with unread bytes would make the kernel send a reset that can destroy the answer before the
        // client reads it. Hummingbird then reads and drops the rest of the body (nothing is kept), and the
        // deadline above closes the connection if the client never finishes.
        if case .end = unwrapOutboundIn(data), readingBody {
            let written = promise ?? context.eventLoop.makePromise()
            context.writeAndFlush(data, promise: written)
            let loopBound = NIOLoopBound(context, eventLoop: context.eventLoop)
            written.futureResult.whenComplete { _ in loopBound.value.close(mode: .output, promise: nil) }
            return
        }
        context.write(data, promise: promise)
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        deadline?.cancel()
        deadline = nil
    }
}
