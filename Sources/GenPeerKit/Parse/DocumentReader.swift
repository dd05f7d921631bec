import Foundation

/// The parse stage: bytes of one input document → the Alibaba connections it holds.
public struct DocumentReader: Sendable {
    /// Forces a format instead of detecting it from the first byte.
    public var forcedFormat: InputFormat?

    public init(forcedFormat: InputFormat? = nil) {
        self.forcedFormat = forcedFormat
    }

    /// Reads `data`, naming it `fileName` in diagnostics.
    public func read(_ data: Data, fileName: String) throws -> [AlibabaConnection] {
        let location = SourceLocation(file: fileName)
        guard let format = forcedFormat ?? InputFormat.detect(data) else {
            let what = data.allSatisfy({ [0x20, 0x09, 0x0A, 0x0D].contains($0) }) ? "the input is empty" : "the input is neither JSON nor XML"
            throw GenPeerError(.data, "\(what) (expected a document starting with { or <; --input-format forces one)", at: location)
        }
        let root: DocumentNode
        switch format {
        case .json: root = try JSONDocumentReader(location: location).read(data)
        case .xml: root = try XMLDocumentReader(location: location).read(data)
        }
        return try AlibabaDecoder().connections(in: root, location: location)
    }
}
