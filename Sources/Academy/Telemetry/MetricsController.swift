import Foundation
import GRDB
import Hummingbird

/// `GET /metrics`: the Prometheus text format, for addresses in `metrics_allow` only (loopback by default); any
/// other client gets the same 404 as an unknown address, so the figures and the route itself stay private.
struct MetricsController {
    let database: AppDatabase
    let allowed: [IPRange]
    let databasePath: String

    var endpoints: RouteCollection<AppRequestContext> {
        Telemetry.prepare()
        let routes = RouteCollection(context: AppRequestContext.self)
        routes.get("/metrics", use: metrics)
        return routes
    }

    @Sendable func metrics(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let client = context.remoteAddress.flatMap({ IPAddress($0) }),
            allowed.contains(where: { $0.contains(client) })
        else {
            throw AppError.notFound
        }
        let sessions = try await database.writer.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM session WHERE expires_at > ?", arguments: [Date()]) ?? 0
        }
        let path = databasePath
        let (size, wal) = try await Blocking.run { (Self.fileSize(path), Self.fileSize(path + "-wal")) }
        Telemetry.activeSessions.set(Double(sessions))
        Telemetry.databaseBytes.set(Double(size))
        Telemetry.walBytes.set(Double(wal))
        var buffer: [UInt8] = []
        buffer.reserveCapacity(16 * 1024)
        Telemetry.registry.emit(into: &buffer)
        return Response(
            status: .ok,
            headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8", .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(bytes: buffer)))
    }

    static func fileSize(_ path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.intValue ?? 0
    }
}
