/// A document as a whole, less the items of its connection list that the reader handed on one
/// at a time (``ConnectionList``): which of Alibaba's responses it is (anything else is an
/// error), and the connections it still holds.
struct AlibabaDocument: Decodable {
    enum Shape: Equatable {
        /// A bare JSON list of connections; its items were all handed on while reading.
        case bareList
        /// `DescribeVpnConnections`: the connections not handed on while reading (the list's
        /// single object standing for a one-item list, say).
        case connectionList([AlibabaVpnConnection])
        /// `DescribeVpnConnection`.
        case single(AlibabaVpnConnection)
        /// `DownloadVpnConnectionConfig`.
        case download(AlibabaVpnConnectionConfig)
    }

    var shape: Shape
    /// `TotalCount`, `PageNumber` and `PageSize` of a `DescribeVpnConnections` page, when sent.
    var paging: (total: Int64?, page: Int64?, size: Int64?)

    private enum Key: String, CodingKey {
        case totalCount = "TotalCount"
        case pageNumber = "PageNumber"
        case pageSize = "PageSize"
        case vpnConnectionConfig = "VpnConnectionConfig"
        case vpnConnections = "VpnConnections"
        case vpnConnectionId = "VpnConnectionId"
        case ikeConfig = "IkeConfig"
        case tunnelOptionsSpecification = "TunnelOptionsSpecification"
    }

    init(from decoder: any Decoder) throws {
        paging = (nil, nil, nil)
        if (try? decoder.unkeyedContainer()) != nil {
            shape = .bareList
            return
        }
        let body: KeyedDecodingContainer<Key>
        do {
            body = try decoder.container(keyedBy: Key.self)
        } catch let error as DecodingError where error.isTypeMismatch(at: decoder) {
            throw try FoundValue(decoder).mismatch(expected: "an object or a list", at: decoder)
        }
        if body.contains(.vpnConnectionConfig), let config = try body.decode(Field<AlibabaVpnConnectionConfig?>.self, forKey: .vpnConnectionConfig).wrappedValue {
            shape = .download(config)
        } else if body.contains(.vpnConnections) {
            shape = .connectionList(try body.decode(Field<[AlibabaVpnConnection]>.self, forKey: .vpnConnections).wrappedValue)
            paging = (
                try body.decodeIfPresent(Field<Int64?>.self, forKey: .totalCount)?.wrappedValue,
                try body.decodeIfPresent(Field<Int64?>.self, forKey: .pageNumber)?.wrappedValue,
                try body.decodeIfPresent(Field<Int64?>.self, forKey: .pageSize)?.wrappedValue)
        } else if body.contains(.vpnConnectionId) || body.contains(.ikeConfig) || body.contains(.tunnelOptionsSpecification),
            let connection = try AlibabaVpnConnection.read(from: decoder)
        {
            shape = .single(connection)
        } else {
            throw GenPeerError.data(
                "not a DescribeVpnConnection(s) or DownloadVpnConnectionConfig response "
                    + "(found none of VpnConnectionId, IkeConfig, VpnConnections, VpnConnectionConfig)",
                at: decoder.sourceLocation)
        }
    }

    /// A warning when the document is one page of a longer list.
    func pagingWarning(listed: Int, at location: SourceLocation) -> Diagnostic? {
        guard let total = paging.total, total > listed else { return nil }
        let page = paging.page.map { "page \($0)" } ?? "one page"
        return Diagnostic(
            .warning,
            "this response is \(page) of \(total) connections and lists \(listed): the others are not rendered; fetch them all with "
                + "aliyun vpc DescribeVpnConnections --PageSize 50 --PageNumber N for each page (or --pager) and give every page to genpeer",
            at: location.appending("TotalCount"))
    }

    /// The connections the document holds besides the `streamedCount` items handed on while
    /// reading; an error when it holds none at all.
    func connections(besides streamedCount: Int, at location: SourceLocation) throws -> [AlibabaConnection] {
        switch shape {
        case .bareList:
            guard streamedCount > 0 else { throw GenPeerError.data("the document is an empty list", at: location) }
            return []
        case .connectionList(let connections):
            guard streamedCount + connections.count > 0 else {
                throw GenPeerError.data("the document lists no VPN connection", at: location.appending(ConnectionList.wrapper))
            }
            return connections.map { .described($0) }
        case .single(let connection):
            return [.described(connection)]
        case .download(let config):
            return [.downloaded(config)]
        }
    }
}
