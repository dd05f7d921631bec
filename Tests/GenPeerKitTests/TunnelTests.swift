import Foundation
import Testing
@testable import GenPeerKit

/// A minimal reader of frr.conf: the `router bgp` block's lines, the route maps' lines and the
/// prefix lists' entries.
struct FRRConfig {
    private(set) var asn: String?
    private(set) var bgpLines: [String] = []
    private(set) var routeMaps: [String: [String]] = [:]
    private(set) var prefixLists: [String: [String]] = [:]

    init(_ text: String) {
        var block: (kind: String, name: String)?
        for rawLine in text.split(separator: "\n") {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("!") { continue }
            let words = line.split(separator: " ").map(String.init)
            if !rawLine.hasPrefix(" ") {
                block = nil
                switch words.first {
                case "router": asn = words[2]; block = ("bgp", "")
                case "route-map": block = ("route-map", words[1]); routeMaps[words[1], default: []] = []
                case "ip" where words[1] == "prefix-list": prefixLists[words[2], default: []].append(words[5...].joined(separator: " ") + " " + words[3...4].joined(separator: " "))
                default: break
                }
                continue
            }
            switch block?.kind {
            case "bgp": bgpLines.append(line)
            case "route-map": routeMaps[block!.name]!.append(line)
            default: break
            }
        }
    }

    /// The `neighbor ADDRESS ...` settings of one neighbour, without the address.
    func neighbor(_ address: String) -> [String] {
        bgpLines.filter { $0.hasPrefix("neighbor \(address) ") }.map { String($0.dropFirst("neighbor \(address) ".count)) }
    }
}

@Suite("Dual tunnels, route-based connections and BGP")
struct TunnelTests {
    /// The dual-tunnel document with BGP off on the connection and on both tunnels.
    private func dualWithoutBGP(top: [String: Any?] = [:]) -> String {
        dualConnectionJSON(top: top.merging(["EnableTunnelsBgp": false]) { $1 }, slave: ["TunnelBgpConfig": nil], master: ["TunnelBgpConfig": nil])
    }

    private func dual(_ json: String = dualConnectionJSON(), options: NormalizeOptions = NormalizeOptions(), diagnostics: DiagnosticCollector = DiagnosticCollector()) throws -> PeerConnection {
        try peers([document(json)], options: options, diagnostics: diagnostics)[0]
    }

    private func files(_ target: TargetName, _ json: String = dualConnectionJSON(), options: NormalizeOptions = NormalizeOptions(), routing: RoutingDaemon = .frr) throws -> [String: RenderedFile] {
        let generator = try Generator(target: target, options: options, renderOptions: RenderOptions(routing: routing))
        let rendered = try generator.generate([document(json)], diagnostics: DiagnosticCollector())
        return Dictionary(uniqueKeysWithValues: rendered.map { ($0.path, $0) })
    }

    // MARK: The model

    @Test func theMasterIsChosenByRoleNotByOrder() throws {
        let peer = try dual()
        #expect(peer.isDualTunnel && peer.isRouteBased && peer.usesTunnelInterfaces)
        #expect(peer.tunnels.map(\.role) == [.master, .slave])
        #expect(peer.tunnels.map(\.name) == ["dual-t1", "dual-t2"])
        #expect(peer.tunnels.map(\.tunnelId) == ["tun-test0001", "tun-test0002"])
        #expect(peer.tunnels.map(\.remote.address.description) == ["203.0.113.21", "203.0.113.22"])
        #expect(peer.tunnels.map(\.presharedKey.secret) == ["PskOfTunnel1", "PskOfTunnel2"])
        #expect(peer.tunnels.map(\.interface?.id) == [1, 2])
        #expect(peer.tunnels.map(\.interface?.name) == ["ipsec1", "ipsec2"])
        #expect(peer.tunnels.map { $0.interface?.address?.description } == ["169.254.10.2/30", "169.254.20.2/30"])
    }

    @Test func everyBGPFieldIsSwapped() throws {
        let bgp = try #require(try dual().tunnels[0].bgp)
        #expect(bgp.localASN == 65010, "PeerAsn is this side's")
        #expect(bgp.remoteASN == 65530, "LocalAsn is the cloud's")
        #expect(bgp.localAddress == IPv4Address("169.254.10.2"), "PeerBgpIp is this side's")
        #expect(bgp.remoteAddress == IPv4Address("169.254.10.1"), "LocalBgpIp is the cloud's")
        #expect(bgp.tunnelNetwork.description == "169.254.10.0/30")
    }

    @Test func aDownloadsBGPIsThePeersViewAlready() throws {
        let json = """
            {"VpnConnectionConfig": {"Local": "198.51.100.30", "LocalSubnet": "192.168.0.0/16", "RemoteSubnet": "172.16.0.0/16",
              "TunnelsConfig": {"TunnelConfig": [
                {"TunnelId": "tun-a", "Local": "198.51.100.30", "Remote": "203.0.113.21",
                 "IkeConfig": {"IkeVersion": "ikev2", "IkeEncAlg": "aes", "IkeAuthAlg": "sha256", "IkePfs": "group14", "IkeLifetime": 86400, "LocalId": "198.51.100.30", "RemoteId": "203.0.113.21", "Psk": "k1"},
                 "IpsecConfig": {"IpsecEncAlg": "aes", "IpsecAuthAlg": "sha256", "IpsecPfs": "group14", "IpsecLifetime": 3600}},
                {"TunnelId": "tun-b", "Local": "198.51.100.30", "Remote": "203.0.113.22",
                 "IkeConfig": {"IkeVersion": "ikev2", "IkeEncAlg": "aes", "IkeAuthAlg": "sha256", "IkePfs": "group14", "IkeLifetime": 86400, "LocalId": "198.51.100.30", "RemoteId": "203.0.113.22", "Psk": "k2"},
                 "IpsecConfig": {"IpsecEncAlg": "aes", "IpsecAuthAlg": "sha256", "IpsecPfs": "group14", "IpsecLifetime": 3600}}]},
              "BgpConfigs": {"BgpConfig": [
                {"TunnelId": "tun-b", "LocalAsn": "65010", "PeerAsn": "65530", "TunnelCidr": "169.254.20.0/30", "LocalBgpIp": "169.254.20.2", "PeerBgpIp": "169.254.20.1"},
                {"TunnelId": "tun-a", "LocalAsn": "65010", "PeerAsn": "65530", "TunnelCidr": "169.254.10.0/30", "LocalBgpIp": "169.254.10.2", "PeerBgpIp": "169.254.10.1"}]}}}
            """
        let diagnostics = DiagnosticCollector()
        let peer = try dual(json, diagnostics: diagnostics)
        #expect(peer.tunnels.map(\.tunnelId) == ["tun-a", "tun-b"])
        #expect(diagnostics.diagnostics.contains { $0.message.contains("--master-tunnel") }, "no Role: the assumption is said")
        #expect(peer.tunnels[0].bgp?.localAddress == IPv4Address("169.254.10.2"), "matched by TunnelId, Local is this side")
        #expect(peer.tunnels[0].bgp?.remoteASN == 65530)
        #expect(peer.tunnels[1].bgp?.remoteAddress == IPv4Address("169.254.20.1"))
        let chosen = try dual(json, options: NormalizeOptions(remoteAddresses: [], localAddresses: [], masterTunnelId: "tun-b"))
        #expect(chosen.tunnels.map(\.tunnelId) == ["tun-b", "tun-a"])
        #expect(chosen.tunnels.map(\.role) == [.master, .slave])
    }

    /// Alibaba Cloud's ASN 45104 is refused for customer gateways: a download's BgpConfig whose
    /// LocalAsn is 45104 is written from the cloud's side, and its fields are read that way.
    @Test func aDownloadsBGPWithTheCloudsASNAsLocalIsReadFromTheCloudsSide() throws {
        func download(localAsn: String, peerAsn: String) -> String {
            """
            {"VpnConnectionConfig": {"Local": "198.51.100.30", "Remote": "203.0.113.21", "LocalSubnet": "192.168.0.0/16", "RemoteSubnet": "172.16.0.0/16",
              "IkeConfig": {"IkeVersion": "ikev2", "IkeEncAlg": "aes", "IkeAuthAlg": "sha256", "IkePfs": "group14", "IkeLifetime": 86400, "LocalId": "198.51.100.30", "RemoteId": "203.0.113.21", "Psk": "k1"},
              "IpsecConfig": {"IpsecEncAlg": "aes", "IpsecAuthAlg": "sha256", "IpsecPfs": "group14", "IpsecLifetime": 3600},
              "BgpConfigs": {"BgpConfig": [
                {"LocalAsn": "\(localAsn)", "PeerAsn": "\(peerAsn)", "TunnelCidr": "169.254.10.0/30", "LocalBgpIp": "169.254.10.1", "PeerBgpIp": "169.254.10.2"}]}}}
            """
        }
        let diagnostics = DiagnosticCollector()
        let cloudSide = try #require(try peers([document(download(localAsn: "45104", peerAsn: "65010"))], diagnostics: diagnostics).first?.tunnels.first?.bgp)
        #expect(cloudSide.localASN == 65010, "PeerAsn is this gateway's")
        #expect(cloudSide.remoteASN == 45104, "LocalAsn is the cloud's")
        #expect(cloudSide.localAddress == IPv4Address("169.254.10.2"), "PeerBgpIp is this gateway's")
        #expect(cloudSide.remoteAddress == IPv4Address("169.254.10.1"), "LocalBgpIp is the cloud's")
        let warning = try #require(diagnostics.diagnostics.first { $0.message.contains("Alibaba Cloud's own ASN") })
        #expect(warning.location?.path == "VpnConnectionConfig.BgpConfigs.BgpConfig[0].LocalAsn")

        let quiet = DiagnosticCollector()
        let peerSide = try #require(try peers([document(download(localAsn: "65010", peerAsn: "45104"))], diagnostics: quiet).first?.tunnels.first?.bgp)
        #expect(peerSide.localASN == 65010, "LocalAsn is this gateway's, as the rest of a download")
        #expect(peerSide.remoteASN == 45104)
        #expect(peerSide.localAddress == IPv4Address("169.254.10.1"))
        #expect(peerSide.remoteAddress == IPv4Address("169.254.10.2"))
        #expect(!quiet.diagnostics.contains { $0.message.contains("Alibaba Cloud's own ASN") })
    }

    @Test func addressOptionsTakeOnePerTunnel() throws {
        let options = NormalizeOptions(remoteAddresses: [], localAddresses: [IPv4Address("198.51.100.31")!, IPv4Address("198.51.100.32")!])
        let peer = try dual(options: options)
        #expect(peer.tunnels.map { $0.local.address?.description } == ["198.51.100.31", "198.51.100.32"])
        let one = try dual(options: NormalizeOptions(localAddress: IPv4Address("198.51.100.31")))
        #expect(one.tunnels.map { $0.local.address?.description } == ["198.51.100.31", "198.51.100.31"])
    }

    @Test func interfaceIdsAreUniqueInARunAndStartWhereAsked() throws {
        let plural = "[\(dualConnectionJSON()), \(connectionJSON()), \(dualConnectionJSON(top: ["VpnConnectionId": "vco-dual0002", "Name": "dual"], slave: ["TunnelIkeConfig.RemoteId": "198.51.100.40"], master: ["TunnelIkeConfig.RemoteId": "198.51.100.40"]))]"
        let connections = try peers([document(plural)], options: NormalizeOptions(remoteAddresses: [], localAddresses: [], firstInterfaceId: 41))
        #expect(connections.map(\.name) == ["dual", "test", "dual-2"])
        #expect(connections.flatMap { $0.tunnels.map(\.interface?.id) } == [41, 42, nil, 43, 44])
        #expect(connections[2].tunnels.map(\.name) == ["dual-2-t1", "dual-2-t2"])
    }

    static var badInputs: [(String, [String: Any?], [String: Any?], [String: Any?], String)] { [
        ("missing role", [:], ["Role": nil], [:], "TunnelOptionsSpecification.TunnelOptions[0].Role: missing"),
        ("doubled role", [:], ["Role": "master"], [:], "TunnelOptionsSpecification.TunnelOptions[1].Role: both tunnels have Role master"),
        ("unknown role", [:], ["Role": "backup"], [:], "TunnelOptionsSpecification.TunnelOptions[0].Role: unsupported value \"backup\""),
        ("ASN missing", [:], [:], ["TunnelBgpConfig.PeerAsn": nil], "TunnelOptionsSpecification.TunnelOptions[1].TunnelBgpConfig.PeerAsn: missing"),
        ("ASN out of range", [:], ["TunnelBgpConfig.LocalAsn": "4294967296"], [:], "TunnelOptionsSpecification.TunnelOptions[0].TunnelBgpConfig.LocalAsn: ASN 4294967296 is out of range"),
        ("BGP address missing", [:], [:], ["TunnelBgpConfig.LocalBgpIp": nil], "TunnelOptionsSpecification.TunnelOptions[1].TunnelBgpConfig.LocalBgpIp: missing"),
        ("not a /30", [:], [:], ["TunnelBgpConfig.TunnelCidr": "169.254.10.0/29"], "TunnelOptionsSpecification.TunnelOptions[1].TunnelBgpConfig.TunnelCidr: \"169.254.10.0/29\" is not a /30"),
        ("address outside the /30", [:], [:], ["TunnelBgpConfig.PeerBgpIp": "169.254.11.2"], "TunnelOptionsSpecification.TunnelOptions[1].TunnelBgpConfig.PeerBgpIp: 169.254.11.2 is not a host address of the tunnel network 169.254.10.0/30"),
        ("broadcast address", [:], [:], ["TunnelBgpConfig.LocalBgpIp": "169.254.10.3"], "TunnelOptionsSpecification.TunnelOptions[1].TunnelBgpConfig.LocalBgpIp: 169.254.10.3 is not a host address"),
        (
            "overlapping networks", [:],
            ["TunnelBgpConfig.TunnelCidr": "169.254.10.0/30", "TunnelBgpConfig.LocalBgpIp": "169.254.10.1", "TunnelBgpConfig.PeerBgpIp": "169.254.10.2"], [:],
            "TunnelOptionsSpecification.TunnelOptions[0].TunnelBgpConfig.TunnelCidr: the tunnels' BGP networks 169.254.10.0/30 and 169.254.10.0/30 overlap"
        ),
        ("same cloud address", [:], ["InternetIp": "203.0.113.21"], [:], "TunnelOptionsSpecification.TunnelOptions[0].InternetIp: both tunnels end at the cloud address 203.0.113.21"),
        ("BGP on one tunnel only", [:], ["TunnelBgpConfig": nil], [:], "TunnelOptionsSpecification.TunnelOptions[0].TunnelBgpConfig: BGP is on for one tunnel only"),
        ("one side 0.0.0.0/0", ["RemoteSubnet": "192.168.0.0/16"], [:], [:], "LocalSubnet: 0.0.0.0/0 on one side only"),
    ] }

    @Test("bad dual-tunnel input names its field", arguments: 0..<13)
    func badInputNamesItsField(_ index: Int) throws {
        let (name, top, slave, master, expected) = Self.badInputs[index]
        let error = failure { _ = try dual(dualConnectionJSON(top: top, slave: slave, master: master)) }
        #expect(error?.kind == .data, "\(name)")
        #expect(error?.description.hasPrefix("vco.json: " + expected) == true, "\(name): \(error?.description ?? "no error")")
    }

    @Test func oneTunnelOfADualConnectionIsAnError() throws {
        var body = try JSONSerialization.jsonObject(with: Data(dualConnectionJSON().utf8)) as! [String: Any]
        var list = body["TunnelOptionsSpecification"] as! [String: Any]
        list["TunnelOptions"] = [(list["TunnelOptions"] as! [Any])[1]]
        body["TunnelOptionsSpecification"] = list
        let json = String(decoding: try JSONSerialization.data(withJSONObject: body), as: UTF8.self)
        let error = failure { _ = try dual(json) }
        #expect(error?.description.hasPrefix("vco.json: TunnelOptionsSpecification.TunnelOptions: a dual-tunnel connection has two tunnels (master and slave), found 1") == true, "\(error?.description ?? "")")
    }

    // MARK: strongSwan

    @Test func strongSwanRendersOneConnectionPerTunnelOnItsOwnInterface() throws {
        let rendered = try files(.strongswan)
        let swanctl = SwanctlConfig(try #require(rendered["swanctl/conf.d/dual.conf"]).contents)
        #expect(swanctl.children(of: "connections") == ["dual-t1", "dual-t2"])
        for (index, (tunnel, gateway, psk)) in [("dual-t1", "203.0.113.21", "PskOfTunnel1"), ("dual-t2", "203.0.113.22", "PskOfTunnel2")].enumerated() {
            let connection = "connections.\(tunnel)"
            #expect(swanctl["\(connection).remote_addrs"] == gateway)
            #expect(swanctl["\(connection).remote.id"] == gateway)
            #expect(swanctl["\(connection).local.id"] == "198.51.100.30")
            #expect(swanctl["\(connection).proposals"] == "aes256-sha256-modp2048")
            let child = "\(connection).children.\(tunnel)"
            #expect(swanctl["\(child).local_ts"] == "0.0.0.0/0")
            #expect(swanctl["\(child).remote_ts"] == "0.0.0.0/0")
            #expect(swanctl["\(child).if_id_in"] == "\(index + 1)")
            #expect(swanctl["\(child).if_id_out"] == "\(index + 1)")
            #expect(swanctl["\(child).updown"] == nil, "BGP routes, not the updown script")
            #expect(swanctl["secrets.ike-\(tunnel).id-remote"] == gateway)
            #expect(swanctl["secrets.ike-\(tunnel).secret"].flatMap { decodeSecret($0, swanctlQuoting: true) } == psk)
        }
        #expect(rendered["swanctl/conf.d/dual.conf"]?.holdsSecrets == true)
    }

    @Test func theHostSetupNamesEachTunnelsOwnInterfaceAndAddress() throws {
        let rendered = try files(.strongswan)
        for (interface, id, address) in [("ipsec1", "1", "169.254.10.2/30"), ("ipsec2", "2", "169.254.20.2/30")] {
            let netdev = iniValues(try #require(rendered["systemd/network/60-genpeer-\(interface).netdev"]).contents)
            #expect(netdev["NetDev.Name"] == [interface])
            #expect(netdev["NetDev.Kind"] == ["xfrm"])
            #expect(netdev["Xfrm.InterfaceId"] == [id])
            let network = iniValues(try #require(rendered["systemd/network/60-genpeer-\(interface).network"]).contents)
            #expect(network["Match.Name"] == [interface])
            #expect(network["Network.Address"] == [address])
            #expect(network["Link.MTUBytes"] == ["1399"])
        }
        let script = try #require(rendered["genpeer/dual-setup.sh"])
        #expect(script.mode == .executable)
        #expect(script.contents.contains("    up ipsec1 1 1399 \"169.254.10.2/30\"\n"))
        #expect(script.contents.contains("    up ipsec2 2 1399 \"169.254.20.2/30\"\n"))
        #expect(iniValues(try #require(rendered["sysctl.d/60-genpeer-dual.conf"]).contents)["net.ipv4.ip_forward"] == ["1"])
        let nft = try #require(rendered["genpeer/dual.nft"]).contents
        #expect(nft.contains("oifname { \"ipsec1\", \"ipsec2\" } tcp flags syn tcp option maxseg size set 1359"))
        #expect(rendered["genpeer/dual-updown.sh"] == nil)
    }

    @Test func withoutBGPRoutesFollowTheTunnelsState() throws {
        let json = dualWithoutBGP(top: ["LocalSubnet": "172.16.0.0/16", "RemoteSubnet": "192.168.0.0/16"])
        let rendered = try files(.strongswan, json)
        let swanctl = SwanctlConfig(try #require(rendered["swanctl/conf.d/dual.conf"]).contents)
        #expect(swanctl["connections.dual-t1.children.dual-t1.local_ts"] == "192.168.0.0/16")
        #expect(swanctl["connections.dual-t1.children.dual-t1.remote_ts"] == "172.16.0.0/16")
        #expect(swanctl["connections.dual-t2.children.dual-t2.if_id_in"] == "2")
        #expect(swanctl["connections.dual-t1.children.dual-t1.updown"] == "/etc/genpeer/dual-updown.sh")
        let updown = try #require(rendered["genpeer/dual-updown.sh"])
        #expect(updown.mode == .executable)
        #expect(updown.contents.contains("dual-t1|dual-t1/*)\n    route \"${PLUTO_VERB:-}\" ipsec1 100 172.16.0.0/16\n"))
        #expect(updown.contents.contains("dual-t2|dual-t2/*)\n    route \"${PLUTO_VERB:-}\" ipsec2 200 172.16.0.0/16\n"))
        #expect(iniValues(rendered["systemd/network/60-genpeer-ipsec1.network"]!.contents)["Network.Address"] == nil, "no TunnelCidr without BGP")
        #expect(rendered["frr/frr.conf"] == nil)
    }

    /// While no tunnel is up, what is sent to the cloud must not leave by the default route in
    /// clear: a blackhole route behind both tunnels' routes, added once (networkd and the script).
    @Test func withoutBGPABlackholeRouteStandsBehindTheTunnels() throws {
        let json = dualWithoutBGP(top: ["LocalSubnet": "172.16.0.0/16,172.17.0.0/16", "RemoteSubnet": "192.168.0.0/16"])
        let rendered = try files(.strongswan, json)
        let master = iniValues(try #require(rendered["systemd/network/60-genpeer-ipsec1.network"]).contents)
        #expect(master["Route.Type"] == ["blackhole", "blackhole"])
        #expect(master["Route.Destination"] == ["172.16.0.0/16", "172.17.0.0/16"])
        let metrics = try #require(master["Route.Metric"]).map { Int($0) }
        #expect(metrics.allSatisfy { ($0 ?? 0) > TunnelRouting.slaveMetric }, "behind both tunnels' routes")
        let metric = try #require(metrics[0])
        #expect(iniValues(try #require(rendered["systemd/network/60-genpeer-ipsec2.network"]).contents)["Route.Destination"] == nil, "added once")
        let script = try #require(rendered["genpeer/dual-setup.sh"]).contents
        for prefix in ["172.16.0.0/16", "172.17.0.0/16"] {
            #expect(script.contains("    ip route replace blackhole \(prefix) metric \(metric)\n"))
            #expect(script.contains("    ip route del blackhole \(prefix) metric \(metric) 2>/dev/null || true\n"))
        }

        let bgp = try files(.strongswan)
        #expect(iniValues(try #require(bgp["systemd/network/60-genpeer-ipsec1.network"]).contents)["Route.Type"] == nil, "BGP routes instead")
        #expect(try #require(bgp["genpeer/dual-setup.sh"]).contents.contains("blackhole") == false)
    }

    @Test func routeBasedWithoutBGPTakesTheCloudPrefixesFromTheOption() throws {
        let json = dualWithoutBGP()
        let diagnostics = DiagnosticCollector()
        _ = try dual(json, diagnostics: diagnostics)
        #expect(diagnostics.diagnostics.contains { $0.message.contains("pass --cloud-prefixes") })
        let options = NormalizeOptions(remoteAddresses: [], localAddresses: [], cloudPrefixes: [IPv4Network(text: "10.0.0.0/8")!])
        let updown = try #require(try files(.strongswan, json, options: options)["genpeer/dual-updown.sh"]).contents
        #expect(updown.contains("route \"${PLUTO_VERB:-}\" ipsec1 100 10.0.0.0/8\n"))
    }

    @Test func cloudPrefixesHoldingAGatewayAddressAreRefused() throws {
        let json = dualWithoutBGP()
        let options = NormalizeOptions(
            remoteAddresses: [], localAddresses: [], cloudPrefixes: [IPv4Network(text: "10.0.0.0/8")!, IPv4Network(text: "203.0.113.0/24")!])
        let error = try #require(throws: GenPeerError.self) { try dual(json, options: options) }
        #expect(error.kind == .usage)
        #expect(error.description.contains("--cloud-prefixes 203.0.113.0/24 holds 203.0.113.21, the VPN gateway address of tunnel 1 (master)"))
    }

    @Test func aPolicyBasedBGPTunnelCarriesTheBGPAddresses() throws {
        let json = connectionJSON(top: [
            "VpnBgpConfig": ["EnableBgp": "true", "LocalAsn": 65530, "PeerAsn": 65010, "TunnelCidr": "169.254.11.0/30", "LocalBgpIp": "169.254.11.1", "PeerBgpIp": "169.254.11.2"]
        ])
        let rendered = try files(.strongswan, json)
        let swanctl = SwanctlConfig(try #require(rendered["swanctl/conf.d/test.conf"]).contents)
        #expect(swanctl["connections.test.children.test.local_ts"] == "192.168.10.0/24,169.254.11.2/32")
        #expect(swanctl["connections.test.children.test.remote_ts"] == "10.0.0.0/16,169.254.11.1/32")
        #expect(swanctl["connections.test.children.test.if_id_in"] == "1")
        let frr = FRRConfig(try #require(rendered["frr/frr.conf"]).contents)
        #expect(frr.asn == "65010")
        #expect(frr.neighbor("169.254.11.1").contains("remote-as 65530"))
        #expect(frr.bgpLines.contains("network 192.168.10.0/24"), "RemoteSubnet is announced by default")
    }

    @Test func legacyAndTunnelInterfacesSayWhichTargetCan() {
        for json in [dualConnectionJSON(), connectionJSON(top: ["LocalSubnet": "0.0.0.0/0", "RemoteSubnet": "0.0.0.0/0"])] {
            let error = failure { _ = try files(.strongswanLegacy, json) }
            #expect(error?.kind == .data)
            #expect(error?.description.contains("use --target strongswan") == true, "\(error?.description ?? "")")
        }
    }

    // MARK: Libreswan

    @Test func libreswanPutsEachTunnelOnItsOwnInterface() throws {
        let rendered = try files(.libreswan)
        let conf = IPsecConf(try #require(rendered["ipsec.d/dual.conf"]).contents)
        #expect(conf.conns.map(\.name) == ["dual-t1", "dual-t2"])
        #expect(conf.conn("dual-t1")?["right"] == "203.0.113.21")
        #expect(conf.conn("dual-t2")?["right"] == "203.0.113.22")
        #expect(conf.conn("dual-t1")?["ipsec-interface"] == "1")
        #expect(conf.conn("dual-t2")?["ipsec-interface"] == "2")
        #expect(conf.conn("dual-t1")?["leftsubnet"] == "0.0.0.0/0")
        #expect(conf.conn("dual-t1")?["interface-ip"] == nil, "Libreswan 4.x has no interface-ip=")
        let secrets = try #require(rendered["ipsec.d/dual.secrets"]).contents.split(separator: "\n").filter { !$0.hasPrefix("#") }
        #expect(secrets == ["198.51.100.30 203.0.113.21 : PSK \"PskOfTunnel1\"", "198.51.100.30 203.0.113.22 : PSK \"PskOfTunnel2\""])
        #expect(rendered["frr/frr.conf"] != nil)
        #expect(rendered["systemd/network/60-genpeer-ipsec2.network"] != nil)
    }

    // MARK: FRR and BIRD

    @Test func frrPrefersTheMasterBothWays() throws {
        let options = NormalizeOptions(remoteAddresses: [], localAddresses: [], announce: [IPv4Network(text: "192.168.10.0/24")!])
        let text = try #require(try files(.frr, options: options)["frr/frr.conf"]).contents
        let frr = FRRConfig(text)
        #expect(frr.asn == "65010")
        #expect(!text.contains("no bgp ebgp-requires-policy"), "policies meet ebgp-requires-policy")
        #expect(frr.bgpLines.contains("network 192.168.10.0/24"))
        for (neighbor, source, policy, preference, prepend) in [
            ("169.254.10.1", "169.254.10.2", "genpeer-dual-t1", "200", nil), ("169.254.20.1", "169.254.20.2", "genpeer-dual-t2", "100", "65010 65010"),
        ] as [(String, String, String, String, String?)] {
            let settings = frr.neighbor(neighbor)
            #expect(settings.contains("remote-as 65530"))
            #expect(settings.contains("update-source \(source)"))
            #expect(settings.contains("timers 10 30"))
            #expect(settings.contains("route-map \(policy)-in in"))
            #expect(settings.contains("route-map \(policy)-out out"))
            #expect(frr.routeMaps["\(policy)-in"]?.contains("set local-preference \(preference)") == true)
            #expect(frr.routeMaps["\(policy)-out"]?.contains("match ip address prefix-list genpeer-dual-announce") == true)
            #expect(frr.routeMaps["\(policy)-out"]?.contains { $0.hasPrefix("set as-path prepend") } == (prepend != nil))
            if let prepend { #expect(frr.routeMaps["\(policy)-out"]?.contains("set as-path prepend \(prepend)") == true) }
        }
        #expect(frr.prefixLists["genpeer-dual-announce"] == ["permit 192.168.10.0/24 seq 5"])
    }

    @Test func frrAcceptsOnlyFromVtyshWhenAvailable() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/vtysh") else { return }
        try withScratchFolder { folder in
            let file = folder.appendingPathComponent("frr.conf")
            try files(.frr)["frr/frr.conf"]!.contents.write(to: file, atomically: false, encoding: .utf8)
            let run = try ToolRun("/usr/bin/vtysh", ["--dryrun", "-f", file.path])
            #expect(run.status == 0, "\(run.output)")
        }
    }

    @Test func birdParsesAndPrefersTheMaster() throws {
        let text = try #require(try files(.bird, options: NormalizeOptions(remoteAddresses: [], localAddresses: [], announce: [IPv4Network(text: "192.168.10.0/24")!]))["bird/bird.conf"]).contents
        #expect(text.contains("protocol bgp genpeer_dual_t1 {\n    description \"dual-t1\";\n    local 169.254.10.2 as 65010;\n    neighbor 169.254.10.1 as 65530;"))
        #expect(text.contains("protocol bgp genpeer_dual_t2 {\n    description \"dual-t2\";\n    local 169.254.20.2 as 65010;\n    neighbor 169.254.20.1 as 65530;"))
        #expect(text.contains("    route 192.168.10.0/24 blackhole;\n"))
        let slave = try #require(text.range(of: "protocol bgp genpeer_dual_t2")).lowerBound
        #expect(text[..<slave].contains("bgp_local_pref = 200;"))
        #expect(text[slave...].contains("bgp_local_pref = 100;"))
        #expect(!text[..<slave].contains("bgp_path.prepend"))
        #expect(text[slave...].components(separatedBy: "bgp_path.prepend(65010);").count == 3)
        guard FileManager.default.isExecutableFile(atPath: "/usr/sbin/bird") else { return }
        try withScratchFolder { folder in
            let file = folder.appendingPathComponent("bird.conf")
            try text.write(to: file, atomically: false, encoding: .utf8)
            let run = try ToolRun("/usr/sbin/bird", ["-p", "-c", file.path])
            #expect(run.status == 0, "\(run.output)")
        }
    }

    @Test func routingDaemonsRefuseAConnectionWithoutBGP() {
        for target in [TargetName.frr, .bird] {
            let error = failure { _ = try files(target, connectionJSON()) }
            #expect(error?.description.contains("runs no BGP") == true)
        }
    }

    @Test func routingNoneLeavesTheDaemonOut() throws {
        let rendered = try files(.strongswan, routing: .none)
        #expect(rendered["frr/frr.conf"] == nil)
        #expect(rendered["bird/bird.conf"] == nil)
        #expect(try files(.strongswan, routing: .bird)["bird/bird.conf"] != nil)
    }

    @Test func aMaskedBGPKeyIsAMarkedPlaceholder() throws {
        let json = dualConnectionJSON(slave: ["TunnelBgpConfig.AuthKey": "AuthKey****"], master: ["TunnelBgpConfig.AuthKey": "s3cret-key"])
        let frr = FRRConfig(try files(.frr, json)["frr/frr.conf"]!.contents)
        #expect(frr.neighbor("169.254.10.1").contains("password s3cret-key"))
        #expect(frr.neighbor("169.254.20.1").contains("password \(BGPKey.placeholderText)"))
        let redacted = try files(.frr, json, options: NormalizeOptions(redactsSecrets: true))["frr/frr.conf"]!.contents
        #expect(!redacted.contains("s3cret-key"))
    }
}
