import Foundation

/// The parse stage: the bytes of one input document → the Alibaba connections it holds, handed
/// out one at a time as they are read.
public struct DocumentReader: Sendable {
    /// Forces a format instead of detecting it from the first byte.
    public var forcedFormat: InputFormat?

    public init(forcedFormat: InputFormat? = nil) {
        self.forcedFormat = forcedFormat
    }

    /// Reads `source` and calls `body` with each connection, in document order, as soon as it
    /// is read. The items of a plural document are never all in memory at once.
    public func readConnections(from source: InputSource, _ body: (AlibabaConnection) throws -> Void) throws {
        try readItems(from: source) { try body($0.decoded()) }
    }

    /// ``readConnections(from:_:)`` without decoding the items of a connection list, so that
    /// the caller can decode them elsewhere (off the reading thread); decoding an item then
    /// throws what reading it would have thrown.
    func readItems(from source: InputSource, diagnostics: DiagnosticCollector? = nil, _ body: (ReadItem) throws -> Void) throws {
        let input = try ChunkedInput(source)
        let location = SourceLocation(file: source.name)
        let format = try forcedFormat ?? input.detectFormat()
        var streamedCount = 0
        let document: AlibabaDocument
        switch format {
        case .json:
            document = try JSONDocumentReader(location: location).read(input) { text in
                streamedCount += 1
                try body(.json(text))
            }
        case .xml:
            document = try XMLDocumentReader(location: location).read(input) { node, itemLocation in
                streamedCount += 1
                try body(.xml(node, at: itemLocation))
            }
        }
        let connections = try document.connections(besides: streamedCount, at: location)
        if let warning = document.pagingWarning(listed: streamedCount + connections.count, at: location) { diagnostics?.emit(warning) }
        for connection in connections { try body(.decoded(connection)) }
    }

    /// Every connection of a document in memory, `fileName` naming it in diagnostics.
    public func read(_ data: Data, fileName: String) throws -> [AlibabaConnection] {
        var connections: [AlibabaConnection] = []
        try readConnections(from: .bytes(name: fileName, data)) { connections.append($0) }
        return connections
    }
}

/// A connection as ``DocumentReader/readItems(from:_:)`` hands it on: an item of a connection
/// list (``ConnectionList``) still to be decoded, in JSON or XML, or a connection decoded already.
enum ReadItem: Sendable {
    case json(JSONText)
    case xml(XMLNode, at: SourceLocation)
    case decoded(AlibabaConnection)

    func decoded() throws -> AlibabaConnection {
        switch self {
        case .json(let text):
            return .described(try text.decode(ListItem<AlibabaVpnConnection>.self).value)
        case .xml(let node, let location):
            return .described(try ListItem<AlibabaVpnConnection>(from: XMLNodeDecoder(node, userInfo: [.sourceLocation: location])).value)
        case .decoded(let connection):
            return connection
        }
    }
}
