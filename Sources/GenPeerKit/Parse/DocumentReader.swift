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
        let input = try ChunkedInput(source)
        let location = SourceLocation(file: source.name)
        let format = try forcedFormat ?? input.detectFormat()
        let decoder = AlibabaDecoder()
        var streamedCount = 0
        let connectionItem = { (node: DocumentNode, itemLocation: SourceLocation) throws in
            streamedCount += 1
            try body(.described(try decoder.describedConnection(node, at: itemLocation)))
        }
        let rest: DocumentNode
        switch format {
        case .json: rest = try JSONStreamReader(location: location).read(input, connectionItem: connectionItem)
        case .xml: rest = try XMLDocumentReader(location: location).read(input, connectionItem: connectionItem)
        }
        if streamedCount == 0 {
            for connection in try decoder.connections(in: rest, location: location) { try body(connection) }
        }
    }

    /// Every connection of a document in memory, `fileName` naming it in diagnostics.
    public func read(_ data: Data, fileName: String) throws -> [AlibabaConnection] {
        var connections: [AlibabaConnection] = []
        try readConnections(from: .bytes(name: fileName, data)) { connections.append($0) }
        return connections
    }
}
