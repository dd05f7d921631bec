/// The two encodings of an Alibaba API response that genpeer reads.
public enum DocumentFormat: String, Sendable, CaseIterable, Codable {
    case json
    case xml

    /// The file name extension for a document in this format.
    public var fileExtension: String { rawValue }
}

/// A DescribeVpnConnections document the benchmark wrote.
public struct GeneratedDocument: Sendable, Equatable {
    /// Where it is.
    public var path: String
    /// Its encoding.
    public var format: DocumentFormat
    /// How many connections it lists.
    public var connectionCount: Int
    /// Its size on disk.
    public var byteCount: Int

    /// Creates the description of a written document.
    public init(path: String, format: DocumentFormat, connectionCount: Int, byteCount: Int) {
        self.path = path
        self.format = format
        self.connectionCount = connectionCount
        self.byteCount = byteCount
    }
}
