import Foundation
import GRDB
import Testing

@testable import Academy

/// Writes that share a transaction must behave exactly as if each had its own.
@Suite struct WriteBatcherTests {
    @Test func manyConcurrentJobsAllCommitAndARefusedOneChangesNothing() async throws {
        let database = try AppDatabase.inMemory()
        try await database.writer.write { db in try db.execute(sql: "CREATE TABLE t (n INTEGER PRIMARY KEY)") }
        let batcher = WriteBatcher(writer: database.writer, batchLimit: 16)
        struct Refused: Error {}
        let outcomes = await withTaskGroup(of: (Int, Bool).self) { group in
            for n in 0..<300 {
                group.addTask {
                    do {
                        let echoed = try await batcher.write { db -> Int in
                            try db.execute(sql: "INSERT INTO t (n) VALUES (?)", arguments: [n])
                            // every seventh job fails after writing: its row must not stay
                            if n % 7 == 0 { throw Refused() }
                            return n
                        }
                        return (echoed, true)
                    } catch {
                        return (n, false)
                    }
                }
            }
            return await group.reduce(into: [(Int, Bool)]()) { $0.append($1) }
        }
        #expect(outcomes.count == 300)
        let succeeded = Set(outcomes.filter(\.1).map(\.0))
        #expect(succeeded == Set((0..<300).filter { $0 % 7 != 0 }))
        let stored = try await database.writer.read { db in try Set(Int.fetchAll(db, sql: "SELECT n FROM t")) }
        #expect(stored == succeeded)
    }

    @Test func aLoneWriteGoesAtOnceAndReturnsItsValue() async throws {
        let database = try AppDatabase.inMemory()
        let batcher = WriteBatcher(writer: database.writer)
        let value = try await batcher.write { db in try Int.fetchOne(db, sql: "SELECT 41 + 1") }
        #expect(value == 42)
    }
}
