/// Where a document keeps the list of connections that the readers hand out one at a time:
/// `VpnConnections.VpnConnection[]` (DescribeVpnConnections), or the document itself when it is
/// a bare list (what `--cli-query VpnConnections.VpnConnection` prints).
enum ConnectionList {
    static let wrapper = "VpnConnections"
    static let item = "VpnConnection"

    /// Whether the list at `keyPath` (member names from the root; list indexes and, in XML, the
    /// root element left out) is the connection list.
    static func isList(keyPath: [String]) -> Bool {
        keyPath.isEmpty || keyPath == [wrapper, item]
    }
}
