/// Writes DescribeVpnConnections responses of any size, one connection at a time.
///
/// JSON: `{"RequestId", "TotalCount", "PageNumber", "PageSize", "VpnConnections": {"VpnConnection": [...]}}`.
/// XML: a `<DescribeVpnConnectionsResponse>` root with the same fields and one
/// `<VpnConnection>` element per connection under `<VpnConnections>`.
public struct DocumentWriter: Sendable {
    /// The encoding to write.
    public var format: DocumentFormat

    /// Creates a writer for `format`.
    public init(format: DocumentFormat) {
        self.format = format
    }

    /// Writes a response listing connections `1...connectionCount` to `path`.
    public func write(connectionCount: Int, to path: String) throws(BenchError) -> GeneratedDocument {
        let file = try BufferedFile(creating: path)
        try emit(connectionCount) { (chunk) throws(BenchError) in try file.write(chunk) }
        try file.finish()
        return GeneratedDocument(path: path, format: format, connectionCount: connectionCount, byteCount: file.byteCount)
    }

    /// The whole document as text; for small counts and tests.
    public func text(connectionCount: Int) -> String {
        var text = ""
        emit(connectionCount) { text += $0 }
        return text
    }

    /// Hands the document to `sink` in pieces: the header, one piece per connection, the footer.
    private func emit<Failure: Error>(_ count: Int, to sink: (String) throws(Failure) -> Void) throws(Failure) {
        switch format {
        case .json:
            let encoding = JSONEncoding()
            try sink(jsonHeader(count))
            for index in stride(from: 1, through: count, by: 1) {
                let entry = encoding.encode(BenchConnection(index: index).documentValue, level: 3)
                try sink((index > 1 ? ",\n" : "") + encoding.indentation(3) + entry)
            }
            try sink("\n    ]\n  }\n}\n")
        case .xml:
            let encoding = XMLEncoding()
            try sink(xmlHeader(count))
            for index in stride(from: 1, through: count, by: 1) {
                try sink(encoding.encode(BenchConnection(index: index).documentValue, named: "VpnConnection", level: 2))
            }
            try sink("  </VpnConnections>\n</DescribeVpnConnectionsResponse>\n")
        }
    }

    private func requestId(_ count: Int) -> String {
        "BE0C4000-0000-4000-8000-" + BenchConnection.zeroPadded(count, width: 12)
    }

    private func jsonHeader(_ count: Int) -> String {
        """
        {
          "RequestId": "\(requestId(count))",
          "TotalCount": \(count),
          "PageNumber": 1,
          "PageSize": \(count),
          "VpnConnections": {
            "VpnConnection": [

        """
    }

    private func xmlHeader(_ count: Int) -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <DescribeVpnConnectionsResponse>
          <RequestId>\(requestId(count))</RequestId>
          <TotalCount>\(count)</TotalCount>
          <PageNumber>1</PageNumber>
          <PageSize>\(count)</PageSize>
          <VpnConnections>

        """
    }
}
