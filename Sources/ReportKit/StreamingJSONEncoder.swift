import Foundation

/// A pretty-printing JSON encoder that writes bytes as values are encoded, for the files written on every report.
///
/// `JSONEncoder` first builds a tree of values and sorts each object's keys, which made
/// `document.json` a tenth of a report's time; this writes each key once, in the order the type
/// encodes it. Types that open nested containers by hand are not supported (none in ReportKit do).
public struct StreamingJSONEncoder: Sendable {
    public init() {}

    public func encode<T: Encodable>(_ value: T) throws -> Data {
        let sink = JSONSink()
        try sink.write(value, depth: 0)
        sink.bytes.append(UInt8(ascii: "\n"))
        return Data(sink.bytes)
    }
}

/// The bytes written so far, and how to write one value of any kind at a given depth.
final class JSONSink {
    // One encoder writes one sink from one thread, and no access to `bytes` calls out while it lasts,
    // so the run-time exclusivity check on every append (a tenth of the encoding) buys nothing here.
    @exclusivity(unchecked) var bytes: [UInt8] = []

    init() { bytes.reserveCapacity(64 * 1024) }

    func write<T: Encodable>(_ value: T, depth: Int) throws {
        // The common leaves by type identity first: a comparison of metadata, where a cast to a
        // protocol (`as any BinaryInteger`) searches the conformances on every value.
        if T.self == String.self { return string(unsafeBitCast(value, to: String.self)) }
        if T.self == Int.self { return literal(String(unsafeBitCast(value, to: Int.self))) }
        if T.self == Double.self { return try number(unsafeBitCast(value, to: Double.self)) }
        if T.self == Bool.self { return literal(unsafeBitCast(value, to: Bool.self) ? "true" : "false") }
        if T.self == String?.self {
            return unsafeBitCast(value, to: String?.self).map { string($0) } ?? literal("null")
        }
        if T.self == Int?.self {
            return unsafeBitCast(value, to: Int?.self).map { literal(String($0)) } ?? literal("null")
        }
        if T.self == Double?.self {
            guard let double = unsafeBitCast(value, to: Double?.self) else { return literal("null") }
            return try number(double)
        }
        // The other integers and Float by identity too: a cast to `any BinaryInteger` of every struct
        // and array on its way to `encode(to:)` searched the conformance cache each time. Document
        // holds no integer but Int, so the rest take the plain description.
        if T.self == Int64.self || T.self == UInt64.self || T.self == Int32.self || T.self == UInt32.self || T.self == UInt.self
            || T.self == Int16.self || T.self == UInt16.self || T.self == Int8.self || T.self == UInt8.self {
            return literal("\(value)")
        }
        if T.self == Float.self {
            let float = unsafeBitCast(value, to: Float.self)
            return try number(Double("\(float)") ?? Double(float))
        }
        let encoder = StreamEncoder(sink: self, depth: depth)
        try value.encode(to: encoder)
        encoder.close()
    }

    func literal(_ text: String) { bytes.append(contentsOf: text.utf8) }

    func number(_ value: Double) throws {
        guard value.isFinite else {
            throw EncodingError.invalidValue(value, .init(codingPath: [], debugDescription: "\(value) has no JSON form"))
        }
        var text = value.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        literal(text)
    }

    func newline(indent depth: Int) {
        bytes.append(UInt8(ascii: "\n"))
        bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: depth * 2))
    }

    /// A JSON string: runs of bytes that need no escape are copied whole.
    func string(_ text: String) {
        var text = text
        text.withUTF8 { utf8 in
            bytes.append(UInt8(ascii: "\""))
            var run = 0
            for index in 0..<utf8.count {
                let byte = utf8[index]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                if run < index { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[run..<index])) }
                escape(byte)
                run = index + 1
            }
            if run < utf8.count { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[run...])) }
            bytes.append(UInt8(ascii: "\""))
        }
    }

    private func escape(_ byte: UInt8) {
        bytes.append(UInt8(ascii: "\\"))
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"): bytes.append(byte)
        case 0x0A: bytes.append(UInt8(ascii: "n"))
        case 0x0D: bytes.append(UInt8(ascii: "r"))
        case 0x09: bytes.append(UInt8(ascii: "t"))
        case 0x08: bytes.append(UInt8(ascii: "b"))
        case 0x0C: bytes.append(UInt8(ascii: "f"))
        default:
            let hex = Array("0123456789abcdef".utf8)
            bytes.append(contentsOf: [UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), hex[Int(byte >> 4)], hex[Int(byte & 0xF)]])
        }
    }
}

/// The encoder one value is given; it writes the one container the value opens and closes it afterwards.
final class StreamEncoder: Encoder {
    enum Container { case none, keyed, unkeyed, single }

    let sink: JSONSink
    let depth: Int
    @exclusivity(unchecked) var container = Container.none
    @exclusivity(unchecked) var elements = 0
    var codingPath: [any CodingKey] = []
    var userInfo: [CodingUserInfoKey: Any] = [:]

    init(sink: JSONSink, depth: Int) {
        self.sink = sink
        self.depth = depth
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        open(.keyed, "{")
        return KeyedEncodingContainer(KeyedStream<Key>(encoder: self))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        open(.unkeyed, "[")
        return UnkeyedStream(encoder: self)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        precondition(container == .none, "a value opens one container")
        container = .single
        return SingleStream(encoder: self)
    }

    private func open(_ kind: Container, _ bracket: String) {
        precondition(container == .none, "a value opens one container")
        container = kind
        sink.literal(bracket)
    }

    /// Starts the next element of the open container: the comma, the line, and the key.
    func element(key: String?) {
        if elements > 0 { sink.bytes.append(UInt8(ascii: ",")) }
        elements += 1
        sink.newline(indent: depth + 1)
        if let key {
            sink.string(key)
            sink.literal(" : ")
        }
    }

    func close() {
        switch container {
        case .keyed, .unkeyed:
            if elements > 0 { sink.newline(indent: depth) }
            sink.literal(container == .keyed ? "}" : "]")
        case .single: break
        case .none: sink.literal("{}")
        }
    }
}

struct KeyedStream<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let encoder: StreamEncoder
    var codingPath: [any CodingKey] { encoder.codingPath }

    func encodeNil(forKey key: Key) throws {
        encoder.element(key: key.stringValue)
        encoder.sink.literal("null")
    }

    func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        encoder.element(key: key.stringValue)
        try encoder.sink.write(value, depth: encoder.depth + 1)
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        preconditionFailure("StreamingJSONEncoder does not support nested containers")
    }

    func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        preconditionFailure("StreamingJSONEncoder does not support nested containers")
    }

    func superEncoder() -> any Encoder { preconditionFailure("StreamingJSONEncoder does not support super encoders") }
    func superEncoder(forKey key: Key) -> any Encoder { superEncoder() }
}

struct UnkeyedStream: UnkeyedEncodingContainer {
    let encoder: StreamEncoder
    var codingPath: [any CodingKey] { encoder.codingPath }
    var count: Int { encoder.elements }

    mutating func encodeNil() throws {
        encoder.element(key: nil)
        encoder.sink.literal("null")
    }

    mutating func encode<T: Encodable>(_ value: T) throws {
        encoder.element(key: nil)
        try encoder.sink.write(value, depth: encoder.depth + 1)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        preconditionFailure("StreamingJSONEncoder does not support nested containers")
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        preconditionFailure("StreamingJSONEncoder does not support nested containers")
    }

    mutating func superEncoder() -> any Encoder { preconditionFailure("StreamingJSONEncoder does not support super encoders") }
}

struct SingleStream: SingleValueEncodingContainer {
    let encoder: StreamEncoder
    var codingPath: [any CodingKey] { encoder.codingPath }

    func encodeNil() throws { encoder.sink.literal("null") }
    func encode<T: Encodable>(_ value: T) throws { try encoder.sink.write(value, depth: encoder.depth) }
}
