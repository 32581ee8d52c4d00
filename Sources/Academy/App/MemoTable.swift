import Synchronization

/// Values computed once per key and kept: rendered lesson parts, layout plans, decoded quiz snapshots, normalised
/// accepted answers — things that never change for their key. Past `capacity` keys the table is emptied at once;
/// the keys still in use come straight back.
final class MemoTable<Value: Sendable>: Sendable {
    private let values = Mutex<[String: Value]>([:])
    let capacity: Int

    init(capacity: Int) { self.capacity = capacity }

    /// The value kept for `key`, if any (for a value that must be made asynchronously first).
    func peek(_ key: String) -> Value? { values.withLock { $0[key] } }

    /// The value kept for `key`, or `make()`'s, kept from now on. Two callers may both make a missing value; it is
    /// the same value, so either may stay.
    func value(_ key: String, make: () throws -> Value) rethrows -> Value {
        if let value = values.withLock({ $0[key] }) { return value }
        let value = try make()
        values.withLock { table in
            if table.count >= capacity { table.removeAll() }
            table[key] = value
        }
        return value
    }
}
