import Foundation

/// A MikroTik RouterOS 7 script (`/import file-name=<name>.rsc`), one per connection.
///
/// RouterOS has no tunnel interface for IPsec: traffic enters a tunnel by its IPsec policies
/// alone. So every connection is a peer, profile, proposal and identity per tunnel and one
/// policy per subnet pair (`level=unique`, one SA each). Route-based connections select the
/// announced and cloud prefixes (`--announce`, `--cloud-prefixes`); BGP runs between the
/// tunnel's inside address, put on an empty bridge, and the cloud's, through one /32 policy per
/// tunnel. Two tunnels cannot carry the same selectors at once: the data policies sit on the
/// master, and a scheduler script moves them to the slave while the master's BGP session (or,
/// without BGP, the master's IKE SA) is down, and back when it is up. Source NAT is bypassed for
/// the protected pairs, IKE and ESP from the cloud are accepted, and TCP MSS is clamped.
struct MikroTikDialect: DeviceDialect {
    var title: String { "MikroTik RouterOS 7" }

    static let target = TargetName.mikrotik
    static let layout = FileLayout("mikrotik/{name}.rsc", folder: target.rawValue, entry: "mikrotik.rsc", context: Context.self, mode: .secret)

    var layouts: [FileLayout] { [Self.layout] }

    /// How often the failover script looks at the master.
    static let failoverInterval = "10s"
    /// IKEv1 DPD: failures before the peer is declared dead (DPD delay × failures = the timeout).
    static let dpdMaximumFailures = DeadPeerDetection.timeoutSeconds / DeadPeerDetection.delaySeconds
    /// `tcp-md5-key`: "string value, max length 80" (RouterOS 7.22 `/console/inspect`).
    static let maximumBGPKeyLength = 80

    struct Context: Codable, Sendable {
        var header: ConnectionHeader
        /// `genpeer <name>`: the comment every object of the connection carries.
        var comment: String
        var tunnels: [Tunnel]
        var bridges: [Bridge]
        var policies: [Policy]
        var cloudGateways: [String]
        var natBypass: [Pair]
        var mss: Int
        /// The smallest MSS the clamp rewrites: one more than `mss`.
        var mssAbove: Int
        var bgp: BGP?
        var failover: Failover?
    }

    struct Tunnel: Codable, Sendable {
        var name: String
        var label: String?
        var hashAlgorithm: String
        var prfAlgorithm: String?
        var encAlgorithm: String
        var dhGroup: String
        var lifetime: String
        var dpdInterval: String
        var dpdMaximumFailures: Int?
        var natTraversal: String?
        var authAlgorithms: String
        var encAlgorithms: String
        var pfsGroup: String
        var espLifetime: String
        /// `203.0.113.10/32`.
        var address: String
        var localAddress: String?
        var exchangeMode: String
        /// The key as a quoted script string (or `"0x..."` hex for a key RouterOS would read as hex).
        var secret: String
        var myId: String
        var remoteId: String
    }

    /// An empty bridge holding a tunnel's inside address (RouterOS has no tunnel interface).
    struct Bridge: Codable, Sendable {
        var name: String
        var address: String
        /// The bridge's comment as a quoted script string.
        var label: String
    }

    struct Policy: Codable, Sendable {
        var peer: String
        var source: String
        var destination: String
        var proposal: String
        /// `genpeer <name> data` (moved by the failover) or `genpeer <tunnel> bgp`.
        var comment: String
    }

    struct Pair: Codable, Sendable {
        var source: String
        var destination: String
    }

    struct BGP: Codable, Sendable {
        var instance: String
        var localASN: UInt32
        var addressList: String
        var announced: [String]
        var rules: [FilterRule]
        var connections: [Connection]
        var keepalive: String
        var hold: String
    }

    struct FilterRule: Codable, Sendable {
        var chain: String
        /// The rule as a quoted script string.
        var rule: String
    }

    struct Connection: Codable, Sendable {
        var name: String
        var label: String
        var localAddress: String
        var remoteAddress: String
        var remoteASN: UInt32
        var inputChain: String
        var outputChain: String
        /// `tcp-md5-key` as a quoted script string.
        var key: String?
    }

    struct Failover: Codable, Sendable {
        var name: String
        var interval: String
        /// The script's source as a quoted script string.
        var source: String
        var master: String
        var slave: String
    }

    func parts(for connection: PeerConnection, options: RenderOptions, diagnostics: DiagnosticCollector) throws -> [DialectPart] {
        let context = try context(connection, diagnostics: diagnostics)
        return [DialectPart(Self.layout, name: connection.name, context: context)]
    }

    private func context(_ connection: PeerConnection, diagnostics: DiagnosticCollector?) throws -> Context {
        let tunnels = try connection.tunnels.map { try tunnel($0, in: connection) }
        let pairs = try Self.dataPairs(connection)
        let dataComment = "genpeer \(connection.name) data"
        var policies: [Policy] = []
        var bridges: [Bridge] = []
        if connection.usesTunnelInterfaces {
            let master = connection.tunnels[0]
            policies += pairs.map { Policy(peer: master.name, source: $0.local.description, destination: $0.remote.description, proposal: master.name, comment: dataComment) }
            for tunnel in connection.tunnels {
                guard let bgp = tunnel.bgp else { continue }
                bridges.append(Bridge(
                    name: "genpeer-\(tunnel.name)", address: bgp.localInterfaceAddress.description,
                    label: RouterOSText.quoted("genpeer \(tunnel.name): inside address, \(TunnelLabel.text(tunnel, in: connection))")))
                policies.append(Policy(
                    peer: tunnel.name, source: "\(bgp.localAddress)/32", destination: "\(bgp.remoteAddress)/32", proposal: tunnel.name,
                    comment: "genpeer \(tunnel.name) bgp"))
            }
        } else {
            let tunnel = connection.tunnels[0]
            policies = pairs.map { Policy(peer: tunnel.name, source: $0.local.description, destination: $0.remote.description, proposal: tunnel.name, comment: dataComment) }
        }
        var notes = diagnostics.map {
            PeerNotes.notes(for: connection, target: Self.target, answersAggressiveModeOnlyIfAllowed: false, rendersBGP: true, diagnostics: $0)
        } ?? []
        notes += Self.notes(connection, diagnostics: diagnostics)
        let mss = connection.tunnels[0].interface?.tcpMSS ?? NormalizeOptions.alibabaMTU - 40
        return Context(
            header: ConnectionHeader(connection, notes: notes.map(Self.comment)).commented(by: Self.comment),
            comment: "genpeer \(connection.name)", tunnels: tunnels, bridges: bridges, policies: policies,
            cloudGateways: connection.tunnels.map(\.remote.address.description),
            natBypass: pairs.map { Pair(source: $0.local.description, destination: $0.remote.description) },
            mss: mss, mssAbove: mss + 1,
            bgp: try Self.bgp(connection), failover: Self.failover(connection, dataComment: dataComment))
    }

    private static func notes(_ connection: PeerConnection, diagnostics: DiagnosticCollector?) -> [String] {
        var notes: [String] = []
        if connection.isDualTunnel {
            let watched = connection.hasBGP
                ? "the master's BGP session"
                : "the master's IKE SA; without BGP, RouterOS negotiates the master again only when the cloud initiates (EffectImmediately) or traffic is sent to it, so enable BGP for a failover that watches both tunnels"
            let note = "RouterOS has no tunnel interface and cannot run both tunnels with the same selectors: the data policies sit on the master and the scheduler genpeer-\(connection.name)-failover moves them to the slave while \(watched) is down"
            diagnostics?.warn(note, at: connection.source)
            notes.append(note)
        }
        if connection.hasBGP {
            notes.append("BGP written for RouterOS 7.20 and later (/routing/bgp/instance); on 7.19 and earlier leave out the /routing bgp instance line and the instance= arguments")
        }
        if connection.tunnels.contains(where: { $0.ikeVersion == .ikev1 && $0.remote.id.isFQDN }) {
            let note = "IKEv1: RouterOS checks an FQDN remote identity only with IKEv2, so the cloud's identity is not checked (remote-id=auto)"
            diagnostics?.warn(note, at: connection.primaryTunnel.source.location)
            notes.append(note)
        }
        if connection.tunnels.contains(where: { $0.ikeVersion == .ikev2 && !$0.natTraversal }) {
            notes.append("IKEv2: RouterOS always detects NAT; nat-traversal= applies to IKEv1 only")
        }
        notes.append("FastTrack skips IPsec policies: keep RouterOS's default \"accept in/out ipsec policy\" forward rules above the fasttrack rule")
        return notes
    }

    /// The (on-premises, cloud) pairs the data policies select.
    static func dataPairs(_ connection: PeerConnection) throws -> [(local: IPv4Network, remote: IPv4Network)] {
        guard connection.isRouteBased else { return connection.subnetPairs }
        let local = connection.routes.announced
        let remote = connection.routes.cloudPrefixes
        guard !local.isEmpty, !remote.isEmpty else {
            throw GenPeerError(
                .data,
                "the connection is route-based (LocalSubnet and RemoteSubnet are 0.0.0.0/0) and the mikrotik target has no tunnel interface: RouterOS's IPsec policies need the prefixes on both sides; pass --announce with the on-premises prefixes and --cloud-prefixes with the cloud's",
                at: connection.source.appending("LocalSubnet"))
        }
        return local.flatMap { localPrefix in remote.map { (localPrefix, $0) } }
    }

    private func tunnel(_ tunnel: PeerTunnel, in connection: PeerConnection) throws -> Tunnel {
        let vocabulary = Vocabulary(tunnel: tunnel)
        let isIKEv1 = tunnel.ikeVersion == .ikev1
        let hash = try vocabulary.hash(tunnel.ike.integrity, field: .ikeIntegrity)
        return Tunnel(
            name: tunnel.name, label: TunnelLabel.comment(tunnel, in: connection).map(Self.comment),
            hashAlgorithm: hash,
            prfAlgorithm: isIKEv1 ? nil : (tunnel.ike.integrity == .md5 ? "auto" : hash),
            encAlgorithm: try vocabulary.ikeEncryption(tunnel.ike.encryption),
            dhGroup: try vocabulary.group(tunnel.ike.dhGroup, field: .ikeGroup),
            lifetime: RouterOSText.time(tunnel.ike.lifetime.seconds),
            dpdInterval: tunnel.deadPeerDetection ? RouterOSText.time(DeadPeerDetection.delaySeconds) : "disable-dpd",
            dpdMaximumFailures: tunnel.deadPeerDetection && isIKEv1 ? Self.dpdMaximumFailures : nil,
            natTraversal: isIKEv1 ? (tunnel.natTraversal ? "yes" : "no") : nil,
            authAlgorithms: try vocabulary.espIntegrity(tunnel.esp.integrity),
            encAlgorithms: try vocabulary.espEncryption(tunnel.esp.encryption),
            pfsGroup: try tunnel.esp.pfsGroup.map { try vocabulary.group($0, field: .espGroup) } ?? "none",
            espLifetime: RouterOSText.time(tunnel.esp.lifetime.seconds),
            address: "\(tunnel.remote.address)/32", localAddress: tunnel.local.address?.description,
            exchangeMode: isIKEv1 ? tunnel.ikeMode.rawValue : "ike2",
            secret: RouterOSText.secret(tunnel.presharedKey),
            myId: Self.identity(tunnel.local.id),
            remoteId: isIKEv1 && tunnel.remote.id.isFQDN ? "auto" : Self.identity(tunnel.remote.id))
    }

    static func identity(_ identity: Identity) -> String {
        switch identity {
        case .ipv4(let address): return "address:\(address)"
        case .fqdn(let name): return "fqdn:\(name)"
        }
    }

    /// A comment line's text: RouterOS reads a comment line ending in `\` as continued, a
    /// syntax error, so no backslash reaches one.
    static func comment(_ text: String) -> String {
        CommentText.line(text).replacingOccurrences(of: "\\", with: "/")
    }

    private static func bgp(_ connection: PeerConnection) throws -> BGP? {
        guard let plan = try BGPPlan(connection, target: target) else { return nil }
        let list = "genpeer-\(connection.name)"
        let accepts = connection.routes.announced.map { "dst in \($0) && dst-len == \($0.prefixLength)" }
        var rules: [FilterRule] = []
        var connections: [Connection] = []
        for neighbor in plan.neighbors {
            let output = "genpeer-\(neighbor.tunnel)-out"
            let input = "genpeer-\(neighbor.tunnel)-in"
            let prepend = neighbor.prepend == nil ? "" : "set bgp-path-prepend \(BGPPlan.standbyPrepends); "
            rules += accepts.map { FilterRule(chain: output, rule: RouterOSText.quoted("if (\($0)) { \(prepend)accept }")) }
            rules.append(FilterRule(chain: output, rule: RouterOSText.quoted("reject")))
            rules.append(FilterRule(chain: input, rule: RouterOSText.quoted("set bgp-local-pref \(neighbor.localPreference); accept")))
            let tunnel = connection.tunnels.first { $0.name == neighbor.tunnel }!
            var key: String?
            switch tunnel.bgp?.authenticationKey {
            case .key(let secret)?:
                guard secret.secret.utf8.count <= maximumBGPKeyLength else {
                    throw GenPeerError(
                        .data,
                        "the BGP key is \(secret.secret.utf8.count) characters long; RouterOS's tcp-md5-key takes at most \(maximumBGPKeyLength): set a shorter key on the Alibaba Cloud side (value not shown)",
                        at: tunnel.source.location.appending("TunnelBgpConfig.AuthKey"))
                }
                key = RouterOSText.quoted(secret.secret)
            case .placeholder?: key = RouterOSText.quoted(BGPKey.placeholderText)
            case nil: key = nil
            }
            connections.append(Connection(
                name: neighbor.tunnel, label: comment(neighbor.label), localAddress: neighbor.source, remoteAddress: neighbor.address,
                remoteASN: neighbor.remoteASN, inputChain: input, outputChain: output, key: key))
        }
        return BGP(
            instance: list, localASN: plan.localASN, addressList: list, announced: plan.announced, rules: rules, connections: connections,
            keepalive: RouterOSText.time(BGPPlan.keepaliveSeconds), hold: RouterOSText.time(BGPPlan.holdSeconds))
    }

    /// The scheduler's script for a dual-tunnel connection: the data policies follow the
    /// master's state (BGP session established, else IKE SA established).
    static func failover(_ connection: PeerConnection, dataComment: String) -> Failover? {
        guard connection.isDualTunnel else { return nil }
        let (master, slave) = (connection.tunnels[0], connection.tunnels[1])
        let probe: String
        if let bgp = master.bgp {
            probe = "[:len [/routing/bgp/session/find where remote.address=\(bgp.remoteAddress) and established]]"
        } else {
            probe = "[:len [/ip/ipsec/active-peers/find where remote-address=\(master.remote.address) and state=\"established\"]]"
        }
        let source = [
            ":local up (\(probe) > 0)",
            ":local target \"\(slave.name)\"",
            ":if ($up) do={ :set target \"\(master.name)\" }",
            ":local moving [/ip/ipsec/policy/find where comment=\"\(dataComment)\" and peer!=$target]",
            ":if ([:len $moving] > 0) do={ /ip/ipsec/policy/set $moving peer=$target proposal=$target; :log warning (\"genpeer \(connection.name): data policies to \" . $target) }",
        ].joined(separator: "\n")
        return Failover(
            name: "genpeer-\(connection.name)-failover", interval: failoverInterval, source: RouterOSText.quoted(source),
            master: master.name, slave: slave.name)
    }

    /// RouterOS 7's keywords (vendor-syntax.md §10.2, checked against RouterOS's own
    /// `/console/inspect` choices in tikoci/restraml): ESP has no `sha384`, neither list has
    /// group 24.
    struct Vocabulary {
        var tunnel: PeerTunnel

        func ikeEncryption(_ algorithm: EncryptionAlgorithm) throws -> String {
            switch algorithm {
            case .aes128: return "aes-128"
            case .aes192: return "aes-192"
            case .aes256: return "aes-256"
            case .des: return "des"
            case .tripleDES: return "3des"
            case .sm4: throw TargetLimitation.shangMi(field: .ikeEncryption, tunnel: tunnel, target: MikroTikDialect.target)
            }
        }

        func espEncryption(_ algorithm: EncryptionAlgorithm) throws -> String {
            switch algorithm {
            case .aes128: return "aes-128-cbc"
            case .aes192: return "aes-192-cbc"
            case .aes256: return "aes-256-cbc"
            case .des: return "des"
            case .tripleDES: return "3des"
            case .sm4: throw TargetLimitation.shangMi(field: .espEncryption, tunnel: tunnel, target: MikroTikDialect.target)
            }
        }

        func hash(_ algorithm: IntegrityAlgorithm, field: ProposalField) throws -> String {
            switch algorithm {
            case .md5: return "md5"
            case .sha1: return "sha1"
            case .sha256: return "sha256"
            case .sha384: return "sha384"
            case .sha512: return "sha512"
            case .sm3: throw TargetLimitation.shangMi(field: field, tunnel: tunnel, target: MikroTikDialect.target)
            }
        }

        func espIntegrity(_ algorithm: IntegrityAlgorithm) throws -> String {
            guard algorithm != .sha384 else {
                throw TargetLimitation.unsupported(
                    .espIntegrity, of: tunnel, target: MikroTikDialect.target, value: "sha384",
                    why: "a RouterOS IPsec proposal's auth-algorithms are sha512, sha256, sha1, md5 and null", fix: "sha256 or sha512")
            }
            return try hash(algorithm, field: .espIntegrity)
        }

        func group(_ group: DHGroup, field: ProposalField) throws -> String {
            guard group != .modp2048s256 else {
                throw TargetLimitation.unsupported(
                    field, of: tunnel, target: MikroTikDialect.target, value: "group24",
                    why: "RouterOS offers modp768 to modp8192 and ECP groups, not the 2048-bit group with a 256-bit subgroup", fix: "group14")
            }
            return group.rawValue
        }
    }

    func settings(for connection: PeerConnection, options: RenderOptions) throws -> [DeviceSettings] {
        let context = try context(connection, diagnostics: nil)
        return zip(connection.tunnels, context.tunnels).map { peerTunnel, tunnel in
            let policies = context.policies.filter { $0.peer == tunnel.name }
            let bridge = context.bridges.first { $0.name == "genpeer-\(tunnel.name)" }
            let session = context.bgp?.connections.first { $0.name == tunnel.name }
            return DeviceSettings(
                cloudAddress: "/ip ipsec peer address=\(tunnel.address)",
                ownAddress: tunnel.localAddress.map { "local-address=\($0)" } ?? "the routing table's choice",
                cloudIdentity: "remote-id=\(tunnel.remoteId)", ownIdentity: "my-id=\(tunnel.myId)",
                cloudSubnets: policies.isEmpty ? "none (the failover moves the data policies here)" : policies.map { "dst-address=\($0.destination)" }.joined(separator: "; "),
                ownSubnets: policies.isEmpty ? "none" : policies.map { "src-address=\($0.source)" }.joined(separator: "; "),
                ikeVersion: "exchange-mode=\(tunnel.exchangeMode)",
                ikeProposal: "/ip ipsec profile enc-algorithm=\(tunnel.encAlgorithm) hash-algorithm=\(tunnel.hashAlgorithm)" + (tunnel.prfAlgorithm.map { " prf-algorithm=\($0)" } ?? "") + " dh-group=\(tunnel.dhGroup)",
                ikeLifetime: "lifetime=\(tunnel.lifetime)",
                espProposal: "/ip ipsec proposal enc-algorithms=\(tunnel.encAlgorithms) auth-algorithms=\(tunnel.authAlgorithms) pfs-group=\(tunnel.pfsGroup)",
                espLifetime: "lifetime=\(tunnel.espLifetime)",
                deadPeerDetection: "dpd-interval=\(tunnel.dpdInterval)" + (tunnel.dpdMaximumFailures.map { " dpd-maximum-failures=\($0)" } ?? ""),
                natTraversal: tunnel.natTraversal.map { "nat-traversal=\($0)" } ?? "automatic (IKEv2)",
                presharedKey: "/ip ipsec identity secret=\(tunnel.secret)",
                tunnelInterface: bridge.map { "none in RouterOS: \($0.address) on bridge \($0.name)" },
                bgp: session.map { "/routing bgp connection \($0.name): remote.address=\($0.remoteAddress) remote.as=\($0.remoteASN)" }
                    ?? peerTunnel.bgp.map { "AS \($0.localASN)" })
        }
    }
}

/// How RouterOS scripts write values.
enum RouterOSText {
    /// A quoted string: `"`, `\`, `$` (variable) and `?` (help) escaped, line breaks as `\n`,
    /// any other control character as `\XX` (RouterOS scripting manual, "Constant Escape
    /// Sequences").
    static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "$": result += "\\$"
            case "?": result += "\\?"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    result += "\\" + String(format: "%02X", scalar.value)
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }

    /// An identity's secret: RouterOS parses a secret starting with `0x` as hexadecimal, so such
    /// a key is written as the hex of its own bytes (which RouterOS decodes back to the key);
    /// any other key as a quoted string.
    static func secret(_ key: PresharedKey) -> String {
        let text = key.secret
        guard text.lowercased().hasPrefix("0x") else { return quoted(text) }
        return "\"0x" + text.utf8.map { String(format: "%02x", $0) }.joined() + "\""
    }

    /// `1d`, `8h`, `1h30m`, `45s`: a time interval as RouterOS prints one.
    static func time(_ seconds: Int) -> String {
        guard seconds > 0 else { return "0s" }
        let parts: [(Int, String)] = [(seconds / 86400, "d"), (seconds % 86400 / 3600, "h"), (seconds % 3600 / 60, "m"), (seconds % 60, "s")]
        return parts.filter { $0.0 > 0 }.map { "\($0.0)\($0.1)" }.joined()
    }
}
