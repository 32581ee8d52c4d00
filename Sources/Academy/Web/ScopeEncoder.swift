/// Turns a page's values into what Mustache reads — texts, numbers, flags, lists and, for a nested struct, a
/// dictionary of its properties — through the page's synthesised `Encodable` conformance.
///
/// Why not `Mirror`: reflection resolves every field's type by its mangled name on every call, and Mustache reflects
/// a nested struct again on every `{{name}}` looked up inside it. On the certificate verify page that cost a third of
/// the request's CPU (`make bench`, issue 14); the synthesised conformance is compiled code. A `nil` optional is
/// left out (`encodeIfPresent`), so a section on it is hidden, as before.
enum ScopeEncoder {
    /// The stored properties of `value` by name, each converted as above.
    static func properties(of value: some Encodable) -> [String: Any] {
        let encoder = Node()
        do {
            try value.encode(to: encoder)
        } catch {
            // The encoder itself never throws; a page's hand-written `encode(to:)` might. Nothing of it is shown.
            return [:]
        }
        return encoder.resolved() as? [String: Any] ?? [:]
    }

    /// One value being encoded: a keyed object, a list or a single value.
    fileprivate final class Node: Encoder {
        var codingPath: [any CodingKey] { [] }
        var userInfo: [CodingUserInfoKey: Any] { [:] }
        // `Any` because this is what Mustache reads (see `PageScope`).
        var dictionary: [String: Any]?
        var list: [Any]?
        var single: Any?

        /// Set when a hand-written `encode(to:)` asked for a nested container: that child is filled after it is
        /// stored here, so it is read at the end (`resolved`). Synthesised conformances never do.
        var hasNested = false

        /// What this node holds once its value has encoded itself.
        func resolved() -> Any? {
            guard hasNested else { return dictionary ?? list ?? single }
            let resolve: (Any) -> Any? = { value in (value as? Node).map { $0.resolved() } ?? value }
            if let dictionary { return dictionary.compactMapValues(resolve) }
            if let list { return list.compactMap(resolve) }
            return single
        }

        func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
            if dictionary == nil { dictionary = [:] }
            return KeyedEncodingContainer(Keyed<Key>(node: self))
        }

        func unkeyedContainer() -> any UnkeyedEncodingContainer {
            if list == nil { list = [] }
            return Unkeyed(node: self)
        }

        func singleValueContainer() -> any SingleValueEncodingContainer { Single(node: self) }

        /// `value` as Mustache should see it: plain values as they are, anything else encoded into its own node.
        static func convert<T: Encodable>(_ value: T) throws -> Any? {
            switch value {
            case let text as String: return text
            case let flag as Bool: return flag
            case let number as Int: return number
            case let number as Double: return number
            default:
                let node = Node()
                try value.encode(to: node)
                return node.resolved()
            }
        }
    }

    private struct Keyed<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let node: Node
        var codingPath: [any CodingKey] { [] }

        func set(_ value: Any?, _ key: Key) { node.dictionary?[key.stringValue] = value }

        mutating func encodeNil(forKey key: Key) throws {}
        mutating func encode(_ value: Bool, forKey key: Key) throws { set(value, key) }
        mutating func encode(_ value: String, forKey key: Key) throws { set(value, key) }
        mutating func encode(_ value: Double, forKey key: Key) throws { set(value, key) }
        mutating func encode(_ value: Float, forKey key: Key) throws { set(value, key) }
        mutating func encode(_ value: Int, forKey key: Key) throws { set(value, key) }
        mutating func encode(_ value: Int8, forKey key: Key) throws { set(value, key) }
        mutating func encode(_ value: Int16, forKey key: Key) throws { set(value, key) }
        mutating func encode(_ value: Int32, forKey key: Key) throws { set(value, key) }
        mutating func encode(_ value: Int64, forKey key: Key) throws { set(value, key) }
        mutating func encode(_ value: UInt, forKey key: Key) throws { set(value, key) }
        mutating func encode(_ value: UInt8, forKey key: Key) throws { set(value, key) }
        mutating func encode(_ value: UInt16, forKey key: Key) throws { set(value, key) }
        mutating func encode(_ value: UInt32, forKey key: Key) throws { set(value, key) }
        mutating func encode(_ value: UInt64, forKey key: Key) throws { set(value, key) }
        mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws { set(try Node.convert(value), key) }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key)
            -> KeyedEncodingContainer<NestedKey>
        {
            let child = Node()
            let container = child.container(keyedBy: keyType)
            node.hasNested = true
            set(child, key)
            return container
        }

        mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
            let child = Node()
            node.hasNested = true
            set(child, key)
            return child.unkeyedContainer()
        }

        mutating func superEncoder() -> any Encoder { node }
        mutating func superEncoder(forKey key: Key) -> any Encoder {
            let child = Node()
            node.hasNested = true
            set(child, key)
            return child
        }
    }

    private struct Unkeyed: UnkeyedEncodingContainer {
        let node: Node
        var codingPath: [any CodingKey] { [] }
        var count: Int { node.list?.count ?? 0 }

        func append(_ value: Any?) {
            // A `nil` inside a list has nothing to show; Mustache would print it as "nil".
            if let value { node.list?.append(value) }
        }

        mutating func encodeNil() throws {}
        mutating func encode(_ value: Bool) throws { append(value) }
        mutating func encode(_ value: String) throws { append(value) }
        mutating func encode(_ value: Double) throws { append(value) }
        mutating func encode(_ value: Float) throws { append(value) }
        mutating func encode(_ value: Int) throws { append(value) }
        mutating func encode(_ value: Int8) throws { append(value) }
        mutating func encode(_ value: Int16) throws { append(value) }
        mutating func encode(_ value: Int32) throws { append(value) }
        mutating func encode(_ value: Int64) throws { append(value) }
        mutating func encode(_ value: UInt) throws { append(value) }
        mutating func encode(_ value: UInt8) throws { append(value) }
        mutating func encode(_ value: UInt16) throws { append(value) }
        mutating func encode(_ value: UInt32) throws { append(value) }
        mutating func encode(_ value: UInt64) throws { append(value) }
        mutating func encode<T: Encodable>(_ value: T) throws { append(try Node.convert(value)) }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type)
            -> KeyedEncodingContainer<NestedKey>
        {
            let child = Node()
            let container = child.container(keyedBy: keyType)
            node.hasNested = true
            append(child)
            return container
        }

        mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
            let child = Node()
            node.hasNested = true
            append(child)
            return child.unkeyedContainer()
        }

        mutating func superEncoder() -> any Encoder {
            let child = Node()
            node.hasNested = true
            append(child)
            return child
        }
    }

    private struct Single: SingleValueEncodingContainer {
        let node: Node
        var codingPath: [any CodingKey] { [] }

        mutating func encodeNil() throws { node.single = nil }
        mutating func encode(_ value: Bool) throws { node.single = value }
        mutating func encode(_ value: String) throws { node.single = value }
        mutating func encode(_ value: Double) throws { node.single = value }
        mutating func encode(_ value: Float) throws { node.single = value }
        mutating func encode(_ value: Int) throws { node.single = value }
        mutating func encode(_ value: Int8) throws { node.single = value }
        mutating func encode(_ value: Int16) throws { node.single = value }
        mutating func encode(_ value: Int32) throws { node.single = value }
        mutating func encode(_ value: Int64) throws { node.single = value }
        mutating func encode(_ value: UInt) throws { node.single = value }
        mutating func encode(_ value: UInt8) throws { node.single = value }
        mutating func encode(_ value: UInt16) throws { node.single = value }
        mutating func encode(_ value: UInt32) throws { node.single = value }
        mutating func encode(_ value: UInt64) throws { node.single = value }
        mutating func encode<T: Encodable>(_ value: T) throws { node.single = try Node.convert(value) }
    }
}
