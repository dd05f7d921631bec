extension BenchConnection {
    /// The connection as one `VpnConnection` entry of a DescribeVpnConnections response.
    var documentValue: DocumentValue {
        let strings = usesStringScalars
        func number(_ value: Int) -> DocumentValue { strings ? .string(String(value)) : .integer(value) }
        func flag(_ value: Bool) -> DocumentValue { strings ? .string(String(value)) : .boolean(value) }
        return .object([
            ("VpnConnectionId", .string(vpnConnectionId)),
            ("Name", .string(name)),
            ("VpnGatewayId", .string(vpnGatewayId)),
            ("CustomerGatewayId", .string(customerGatewayId)),
            ("LocalSubnet", .string(cloudSubnets.joined(separator: ","))),
            ("RemoteSubnet", .string(onPremisesSubnets.joined(separator: ","))),
            ("CreateTime", number(createTime)),
            ("EffectImmediately", flag(false)),
            ("EnableDpd", flag(enableDpd)),
            ("EnableNatTraversal", flag(enableNatTraversal)),
            ("Status", .string("ipsec_sa_established")),
            ("State", .string("active")),
            ("InternetIp", .string(cloudAddress)),
            ("IkeConfig", .object([
                ("IkeVersion", .string(ikeVersion)),
                ("IkeMode", .string("main")),
                ("IkeEncAlg", .string(encryption)),
                ("IkeAuthAlg", .string(integrity)),
                ("IkePfs", .string(ikeGroup)),
                ("IkeLifetime", number(ikeLifetime)),
                ("LocalId", .string(cloudAddress)),
                ("RemoteId", .string(onPremisesId)),
                ("Psk", .string(presharedKey)),
            ])),
            ("IpsecConfig", .object([
                ("IpsecEncAlg", .string(encryption)),
                ("IpsecAuthAlg", .string(integrity)),
                ("IpsecPfs", .string(ipsecPfs)),
                ("IpsecLifetime", number(ipsecLifetime)),
            ])),
            ("VpnBgpConfig", .object([("EnableBgp", .string("false"))])),
            ("Tag", .object([
                ("Tag", .list(tags.map { .object([("Key", .string($0.key)), ("Value", .string($0.value))]) })),
            ])),
        ])
    }
}
