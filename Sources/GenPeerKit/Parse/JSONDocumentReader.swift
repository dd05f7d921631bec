import Foundation

/// Reads a JSON document from a stream of chunks, for Foundation's `JSONDecoder` to decode.
///
/// The items of the connection list (``ConnectionList``) are cut out of the stream one at a
/// time and handed on as soon as each is complete (``JSONText``), so a document of any size is
/// never whole in memory; the document around the list is decoded at the end. Finding an item
/// takes only strings, their escapes and the nesting depth (and, near the top, the keys that
/// lead to the list); Foundation checks the syntax. What Foundation does not limit is limited
/// here: nesting deeper than ``maximumDepth``, a string longer than ``maximumStringBytes``, an
/// item or the document around the list longer than ``maximumTextBytes``, and anything after
/// the document. A UTF-8 byte-order mark is skipped.
struct JSONDocumentReader {
    static let maximumDepth = 64
    static let maximumStringBytes = 1 << 20
    static let maximumTextBytes = 1 << 24

    var location: SourceLocation

    /// Reads the whole document, handing each connection-list item to `connectionItem`;
    /// returns the rest of the document (the list itself left empty), decoded.
    func read(_ input: ChunkedInput, connectionItem: (JSONText) throws -> Void) throws -> AlibabaDocument {
        var splitter = JSONSplitter(location: location)
        var chunk = try input.nextChunk()
        while chunk.count < InputFormat.utf8ByteOrderMark.count {
            let more = try input.nextChunk()
            if more.isEmpty { break }
            chunk += more
        }
        if chunk.starts(with: InputFormat.utf8ByteOrderMark) { chunk.removeFirst(InputFormat.utf8ByteOrderMark.count) }
        while !chunk.isEmpty {
            try splitter.consume(chunk, connectionItem)
            chunk = try input.nextChunk()
        }
        return try splitter.finish().decode(AlibabaDocument.self)
    }
}

/// The state of cutting one document: where it is, how deep, whether in a string, and the
/// bytes of the item and of the rest of the document gathered so far.
private struct JSONSplitter {
    let location: SourceLocation

    /// The document offset of the chunk being read, and the line it is on.
    private var chunkStart = 0
    private var line = 1
    private var lineStart = 0

    private var depth = 0
    private var inString = false
    private var escaped = false
    private var stringStart = 0
    private var stringStartPosition = TextPosition()
    private var valueStarted = false
    private var valueEnded = false

    /// The keys that lead to `VpnConnections.VpnConnection`: strings directly in the top two
    /// objects are kept until a colon makes them a key.
    private var topIsObject = false
    private var capturing = false
    private var captured: [UInt8] = []
    private var lastString: [UInt8]?
    private var topKey: [UInt8]?
    private var connectionsKey: [UInt8]?
    private var inConnectionsObject = false

    /// The connection list, while it is open: the depth of its items and where they are.
    private var listDepth: Int?
    private var listLocation: SourceLocation
    private var itemCount = 0
    private var itemStart: TextPosition?
    private var item = Data()
    private var rest = Data()
    private var restAnchors = [JSONText.Anchor(offset: 0, position: TextPosition())]

    private static let wrapperKey = Array(ConnectionList.wrapper.utf8)
    private static let itemKey = Array(ConnectionList.item.utf8)

    init(location: SourceLocation) {
        self.location = location
        listLocation = location
    }

    mutating func consume(_ chunk: [UInt8], _ connectionItem: (JSONText) throws -> Void) throws {
        try chunk.withUnsafeBufferPointer { bytes in
            var restFrom: Int? = listDepth == nil ? 0 : nil
            var itemFrom: Int? = itemStart == nil ? nil : 0
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                if inString {
                    if escaped {
                        escaped = false
                    } else if byte == UInt8(ascii: "\\") {
                        escaped = true
                    } else if byte == UInt8(ascii: "\"") {
                        inString = false
                        if chunkStart + index - stringStart > JSONDocumentReader.maximumStringBytes {
                            throw failure("a string is longer than \(JSONDocumentReader.maximumStringBytes) bytes", at: stringStartPosition,
                                context: context(bytes, upTo: index, restFrom, itemFrom))
                        }
                        if capturing {
                            lastString = captured
                            capturing = false
                        }
                    } else if capturing {
                        captured.append(byte)
                        if captured.count > 64 { capturing = false }
                    }
                } else if !InputFormat.isBlank(byte) {
                    valueStarted = true
                    if valueEnded {
                        throw failure("unexpected data after the end of the JSON document", at: position(index), context: nil)
                    }
                    switch byte {
                    case UInt8(ascii: "\""):
                        startValue(at: index, &itemFrom)
                        inString = true
                        stringStart = chunkStart + index
                        stringStartPosition = position(index)
                        capturing = listDepth == nil && (depth == 1 || depth == 2)
                        captured.removeAll(keepingCapacity: true)
                    case UInt8(ascii: "{"), UInt8(ascii: "["):
                        startValue(at: index, &itemFrom)
                        guard depth < JSONDocumentReader.maximumDepth else {
                            throw failure("the document nests deeper than \(JSONDocumentReader.maximumDepth) levels; an API response never does",
                                at: position(index), context: context(bytes, upTo: index, restFrom, itemFrom))
                        }
                        if listDepth == nil && opensConnectionList(byte) {
                            rest.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[restFrom!...index]))
                            restFrom = nil
                            listDepth = depth + 1
                            listLocation = depth == 0 ? location : location.appending(ConnectionList.wrapper).appending(ConnectionList.item)
                        }
                        depth += 1
                    case UInt8(ascii: "}"), UInt8(ascii: "]"):
                        if depth == listDepth {
                            try endItem(bytes, at: index, &itemFrom, connectionItem)
                            listDepth = nil
                            restFrom = index
                            restAnchors.append(JSONText.Anchor(offset: rest.count, position: position(index)))
                        }
                        if depth == 2 { inConnectionsObject = false }
                        depth -= 1
                        if depth <= 0 {
                            depth = 0
                            valueEnded = true
                        }
                    case UInt8(ascii: ","):
                        if depth == listDepth {
                            guard itemStart != nil else {
                                throw failure("not valid JSON: a list item is missing before ','", at: position(index),
                                    context: context(bytes, upTo: index, restFrom, itemFrom))
                            }
                            try endItem(bytes, at: index, &itemFrom, connectionItem)
                        } else if listDepth == nil {
                            if depth == 1 { topKey = nil }
                            if depth == 2 { connectionsKey = nil }
                        }
                    case UInt8(ascii: ":"):
                        if listDepth == nil {
                            if depth == 1 { topKey = lastString }
                            if depth == 2 { connectionsKey = lastString }
                            lastString = nil
                        }
                    default:
                        startValue(at: index, &itemFrom)
                    }
                }
                if byte == UInt8(ascii: "\n") {
                    line += 1
                    lineStart = chunkStart + index + 1
                }
                index += 1
            }
            if let restFrom { rest.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[restFrom...])) }
            if let itemFrom { item.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[itemFrom...])) }
            if inString && chunkStart + bytes.count - stringStart > JSONDocumentReader.maximumStringBytes {
                throw failure("a string is longer than \(JSONDocumentReader.maximumStringBytes) bytes", at: stringStartPosition,
                    context: context(bytes, upTo: bytes.count, nil, nil))
            }
            if max(rest.count, item.count) > JSONDocumentReader.maximumTextBytes {
                let what = item.count > rest.count ? "a connection-list item" : "the document outside its connection list"
                throw failure("\(what) is longer than \(JSONDocumentReader.maximumTextBytes) bytes", at: position(bytes.count),
                    context: context(bytes, upTo: bytes.count, nil, nil))
            }
            chunkStart += bytes.count
        }
    }

    /// The document around the connection list, once the input has ended.
    func finish() throws -> JSONText {
        let end = TextPosition(line: line, column: chunkStart - lineStart + 1)
        if !valueStarted {
            throw GenPeerError.data("the input is empty", at: location)
        }
        if depth > 0 || inString {
            throw failure("not valid JSON: the document ends early", at: end, context: context(nil, upTo: 0, nil, nil))
        }
        return JSONText(bytes: rest, location: location, anchors: restAnchors)
    }

    /// Whether the container opening with `bracket` is the connection list: a bare list, or
    /// `VpnConnections.VpnConnection` of the top object.
    private mutating func opensConnectionList(_ bracket: UInt8) -> Bool {
        switch (depth, bracket) {
        case (0, UInt8(ascii: "[")):
            return true
        case (0, _):
            topIsObject = true
        case (1, UInt8(ascii: "{")):
            inConnectionsObject = topIsObject && topKey == Self.wrapperKey
        case (2, UInt8(ascii: "[")):
            return inConnectionsObject && connectionsKey == Self.itemKey
        default:
            break
        }
        return false
    }

    /// Notes a value starting; directly in the connection list, it starts an item.
    private mutating func startValue(at index: Int, _ itemFrom: inout Int?) {
        if depth == listDepth && itemStart == nil {
            itemStart = position(index)
            itemFrom = index
        }
    }

    /// Hands on the item ending before `index`, if one is open.
    private mutating func endItem(
        _ bytes: UnsafeBufferPointer<UInt8>, at index: Int, _ itemFrom: inout Int?, _ connectionItem: (JSONText) throws -> Void
    ) throws {
        guard let start = itemStart, let from = itemFrom else { return }
        var text = item
        text.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[from..<index]))
        item = Data()
        itemStart = nil
        itemFrom = nil
        let itemLocation = listLocation.indexed(itemCount)
        itemCount += 1
        try connectionItem(JSONText(bytes: text, location: itemLocation, anchors: [JSONText.Anchor(offset: 0, position: start)]))
    }

    private func position(_ index: Int) -> TextPosition {
        TextPosition(line: line, column: chunkStart + index - lineStart + 1)
    }

    /// The text read so far of the value being read (the open item, or the document around
    /// the list), for naming the field where reading stopped.
    private func context(_ bytes: UnsafeBufferPointer<UInt8>?, upTo index: Int, _ restFrom: Int?, _ itemFrom: Int?) -> JSONText {
        var text = itemStart != nil ? item : rest
        if let bytes, let from = itemStart != nil ? itemFrom : restFrom, from <= index {
            text.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[from..<index]))
        }
        if let start = itemStart {
            return JSONText(bytes: text, location: listLocation.indexed(itemCount), anchors: [JSONText.Anchor(offset: 0, position: start)])
        }
        return JSONText(bytes: text, location: location, anchors: restAnchors)
    }

    /// An error at `position`, at the field the context's text ends in (between two items of
    /// the connection list: at the next item).
    private func failure(_ message: String, at position: TextPosition, context: JSONText?) -> GenPeerError {
        var location = self.location
        if let context {
            if listDepth != nil && itemStart == nil && depth == listDepth {
                location = listLocation.indexed(itemCount)
            } else {
                location = context.location(of: context.bytes.withUnsafeBytes { JSONPaths($0).path(at: context.bytes.count) })
            }
        }
        return GenPeerError.data("\(message) (\(position))", at: location)
    }
}
