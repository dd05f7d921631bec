import Foundation

/// The normalize stage: one Alibaba connection → the ``PeerConnection`` the on-premises gateway
/// needs, tunnel by tunnel, with every local/remote pair swapped (unless the input is already
/// the peer's view) and every value typed and checked. Errors name the file and the field path.
public struct Normalizer: Sendable {
    public var options: NormalizeOptions

    public init(options: NormalizeOptions = NormalizeOptions()) {
        self.options = options
    }

    public func normalize(
        _ connection: AlibabaConnection, namer: inout ConnectionNamer, diagnostics: DiagnosticCollector
    ) throws -> PeerConnection {
        var unnamed = try normalizeUnnamed(connection, diagnostics: diagnostics)
        unnamed.assignNames(with: &namer)
        return unnamed.peer
    }

    /// Everything but the names and interface IDs, which depend on the connections before:
    /// connections can be normalized in any order, then named in input order.
    func normalizeUnnamed(_ connection: AlibabaConnection, diagnostics: DiagnosticCollector) throws -> UnnamedPeer {
        try normalizeUnnamed(PeerFacts(connection), diagnostics: diagnostics)
    }

    /// ``normalizeUnnamed(_:diagnostics:)`` of facts already sorted out (the run checks them too).
    func normalizeUnnamed(_ facts: PeerFacts, diagnostics: DiagnosticCollector) throws -> UnnamedPeer {
        let vpnConnectionId = try connectionId(facts.vpnConnectionId)
        let localSubnets = try subnets(facts.onPremisesSubnets, diagnostics)
        let remoteSubnets = try subnets(facts.cloudSubnets, diagnostics)
        let routing = try routingMode(localSubnets, remoteSubnets, facts)
        if let state = AlibabaVocabulary.keyword(facts.state.text), state == "deleted" {
            diagnostics.warn("the connection's State is deleted: Alibaba no longer has it, so this configuration has no peer", at: facts.state.location)
        }
        let ordered = try orderedTunnels(facts, diagnostics)
        var tunnels: [PeerTunnel] = []
        for (index, tunnel) in ordered.enumerated() {
            tunnels.append(try self.tunnel(tunnel.facts, role: tunnel.role, index: index, of: ordered.count, diagnostics: diagnostics))
        }
        try checkTunnelsApart(tunnels, ordered.map(\.facts))
        let peer = PeerConnection(
            name: "",
            vpnConnectionId: vpnConnectionId,
            alibabaName: AlibabaVocabulary.text(facts.name).flatMap { ConnectionNamer.isSafe($0) ? nil : $0 },
            source: facts.location,
            routing: routing,
            localSubnets: localSubnets,
            remoteSubnets: remoteSubnets,
            tunnels: tunnels,
            startAction: options.startAction,
            routes: PeerRoutes(
                announced: options.announce ?? (routing == .policyBased ? localSubnets : []),
                cloudPrefixes: options.cloudPrefixes ?? (routing == .policyBased ? remoteSubnets : [])),
            healthCheck: try facts.healthCheck.flatMap(healthCheck),
            tags: facts.tags.map { PeerTag(key: $0.key, value: $0.value) })
        try refuseCloudPrefixesHoldingGateways(peer)
        try warnAboutAlibabaLimits(peer, diagnostics)
        return UnnamedPeer(
            peer: peer, preferredNames: [facts.name, vpnConnectionId], fallbackName: facts.fallbackName,
            firstInterfaceId: options.firstInterfaceId, mtu: options.mtu)
    }

    /// A normalized connection waiting for its names and interface IDs.
    struct UnnamedPeer {
        var peer: PeerConnection
        var preferredNames: [String?]
        var fallbackName: String
        var firstInterfaceId: Int
        var mtu: Int

        /// The dual-tunnel naming rule: `<name>-t1` is the master, `<name>-t2` the slave.
        static func tunnelSuffix(_ index: Int) -> String { "-t\(index + 1)" }

        mutating func assignNames(with namer: inout ConnectionNamer) {
            let suffixes = peer.isDualTunnel ? peer.tunnels.indices.map(Self.tunnelSuffix) : []
            peer.name = namer.name(preferring: preferredNames, fallback: fallbackName, suffixes: suffixes)
            let interfaceIds = peer.usesTunnelInterfaces ? namer.interfaceIds(peer.tunnels.count) : []
            for index in peer.tunnels.indices {
                peer.tunnels[index].name = peer.name + (peer.isDualTunnel ? Self.tunnelSuffix(index) : "")
                if peer.usesTunnelInterfaces {
                    let id = interfaceIds[index]
                    peer.tunnels[index].interface = TunnelInterface(
                        id: id, name: "ipsec\(id)", address: peer.tunnels[index].bgp?.localInterfaceAddress, mtu: mtu)
                }
            }
        }
    }

    // MARK: - Tunnels

    /// The tunnels with their roles, the master first: by `Role`, never by document order.
    private func orderedTunnels(_ facts: PeerFacts, _ diagnostics: DiagnosticCollector) throws -> [(facts: TunnelFacts, role: TunnelRole)] {
        let tunnels = try facts.tunnels.map { try $0.get() }
        guard facts.isDualTunnel else { return [(tunnels[0], .single)] }
        guard tunnels.count == 2 else {
            throw GenPeerError.data(
                "a dual-tunnel connection has two tunnels (master and slave), found \(tunnels.count); "
                    + "genpeer will not render part of a dual-tunnel setup",
                at: facts.tunnelListLocation)
        }
        let roles = tunnels.map { AlibabaVocabulary.keyword($0.role?.text) }
        if roles.allSatisfy({ $0 == nil }) {
            return try rolesWithoutRoleField(tunnels, facts, diagnostics)
        }
        var master: TunnelFacts?
        var slave: TunnelFacts?
        for (tunnel, role) in zip(tunnels, roles) {
            let location = tunnel.role?.location ?? tunnel.location.appending("Role")
            switch role {
            case TunnelRole.master.rawValue?:
                guard master == nil else { throw GenPeerError.data("both tunnels have Role master; one must be slave", at: location) }
                master = tunnel
            case TunnelRole.slave.rawValue?:
                guard slave == nil else { throw GenPeerError.data("both tunnels have Role slave; one must be master", at: location) }
                slave = tunnel
            case nil:
                throw GenPeerError.data("missing: each tunnel of a dual-tunnel connection has a Role (master or slave)", at: location)
            case let other?:
                throw GenPeerError.data("unsupported value \"\(other.truncatedForMessage)\" (expected master, slave)", at: location)
            }
        }
        return [(master!, .master), (slave!, .slave)]
    }

    /// A download names no `Role`: the master is the tunnel `--master-tunnel` names, else the
    /// first in the document, with a warning, since the document cannot say.
    private func rolesWithoutRoleField(
        _ tunnels: [TunnelFacts], _ facts: PeerFacts, _ diagnostics: DiagnosticCollector
    ) throws -> [(facts: TunnelFacts, role: TunnelRole)] {
        let ids = tunnels.compactMap { AlibabaVocabulary.text($0.tunnelId) }
        guard let masterId = options.masterTunnelId else {
            diagnostics.warn(
                "the tunnels have no Role, so the first one listed (\(tunnels[0].label)) is taken as the master (active) tunnel; "
                    + "if the Alibaba console shows another as tunnel 1, pass --master-tunnel with its TunnelId",
                at: facts.tunnelListLocation)
            return [(tunnels[0], .master), (tunnels[1], .slave)]
        }
        guard let master = tunnels.firstIndex(where: { AlibabaVocabulary.text($0.tunnelId) == masterId }) else {
            throw GenPeerError(
                .usage, "--master-tunnel \(masterId) names no tunnel of this connection (its tunnels: \(ids.isEmpty ? "no TunnelId" : ids.joined(separator: ", ")))",
                at: facts.tunnelListLocation)
        }
        return [(tunnels[master], .master), (tunnels[1 - master], .slave)]
    }

    private func tunnel(_ facts: TunnelFacts, role: TunnelRole, index: Int, of count: Int, diagnostics: DiagnosticCollector) throws -> PeerTunnel {
        let ike = facts.ike
        let ipsec = facts.ipsec
        let ikeVersion: IKEVersion = try keyword(ike.ikeVersion, at: ike.location.appending("IkeVersion"), default: .ikev1, diagnostics: diagnostics)
        let ikeMode: IKEMode = try keyword(
            ike.ikeMode, at: ike.location.appending("IkeMode"), default: .main, diagnostics: ikeVersion == .ikev1 ? diagnostics : nil)
        if ikeVersion == .ikev2 && ikeMode == .aggressive {
            diagnostics.warn("aggressive mode is an IKEv1 exchange: with IKEv2 it has no meaning and is left out", at: ike.location.appending("IkeMode"))
        }
        // Fields Alibaba's default stands in for, so that a person reading the output can tell.
        let assumed = [
            ("IkeVersion", ike.ikeVersion), ("IkeMode", ikeVersion == .ikev1 ? ike.ikeMode : "given"),
            ("IkeLifetime", ike.ikeLifetime.map(String.init)), ("IpsecLifetime", ipsec.ipsecLifetime.map(String.init)),
            ("EnableDpd", facts.enableDpd.value.map(String.init)), ("EnableNatTraversal", facts.enableNatTraversal.value.map(String.init)),
        ].filter { AlibabaVocabulary.text($0.1) == nil }.map(\.0)
        let cloudAddress = try cloudGatewayAddress(facts, index: index, of: count)
        let localAddress = NormalizeOptions.address(options.localAddresses, forTunnel: index, of: count)
        let remoteId = try identity(facts.cloudId) ?? .ipv4(cloudAddress)
        guard let localId = try identity(facts.onPremisesId) ?? localAddress.map(Identity.ipv4) else {
            throw GenPeerError.data(
                "missing: the on-premises identity is unknown; pass --local-address with the customer gateway's address",
                at: facts.onPremisesId.location)
        }
        let pskLocation = ike.location.appending("Psk")
        guard let pskText = ike.psk else { throw GenPeerError.data("missing: the pre-shared key is required", at: pskLocation) }
        if AlibabaVocabulary.looksMasked(pskText) {
            diagnostics.warn("the pre-shared key holds ***: \(AlibabaVocabulary.maskedHint) (value not shown)", at: pskLocation)
        }
        guard let presharedKey = PresharedKey.parse(pskText) else {
            throw GenPeerError.data(
                "invalid pre-shared key: it must be 1-100 printable ASCII characters without spaces (value not shown)", at: pskLocation)
        }
        return PeerTunnel(
            name: "",
            role: role,
            tunnelId: AlibabaVocabulary.text(facts.tunnelId),
            customerGatewayId: facts.customerGatewayId,
            source: TunnelSource(
                file: facts.location.file, path: facts.location.path, ikeConfigPath: ike.location.path, ipsecConfigPath: ipsec.location.path),
            ikeVersion: ikeVersion,
            ikeMode: ikeMode,
            local: PeerEndpoint(address: localAddress, id: localId),
            remote: CloudEndpoint(address: cloudAddress, id: remoteId),
            presharedKey: options.redactsSecrets ? .redacted : presharedKey,
            ike: IKEProposal(
                encryption: try encryption(ike.ikeEncAlg, at: ike.location.appending("IkeEncAlg")),
                integrity: try integrity(ike.ikeAuthAlg, at: ike.location.appending("IkeAuthAlg")),
                dhGroup: try group(ike.ikePfs, allowingDisabled: false, at: ike.location.appending("IkePfs"))!,
                lifetime: try lifetime(ike.ikeLifetime, at: ike.location.appending("IkeLifetime"), diagnostics)),
            esp: ESPProposal(
                encryption: try encryption(ipsec.ipsecEncAlg, at: ipsec.location.appending("IpsecEncAlg")),
                integrity: try integrity(ipsec.ipsecAuthAlg, at: ipsec.location.appending("IpsecAuthAlg")),
                pfsGroup: try group(ipsec.ipsecPfs, allowingDisabled: true, at: ipsec.location.appending("IpsecPfs")),
                lifetime: try lifetime(ipsec.ipsecLifetime, at: ipsec.location.appending("IpsecLifetime"), diagnostics)),
            deadPeerDetection: facts.enableDpd.value ?? true,
            natTraversal: facts.enableNatTraversal.value ?? true,
            bgp: try facts.bgp.flatMap { try bgp($0, diagnostics) },
            interface: nil,
            assumed: assumed)
    }

    /// What the two tunnels of a dual-tunnel connection must not share.
    private func checkTunnelsApart(_ tunnels: [PeerTunnel], _ facts: [TunnelFacts]) throws {
        guard tunnels.count == 2 else { return }
        let (master, slave) = (tunnels[0], tunnels[1])
        if master.remote.address == slave.remote.address {
            let field = facts[1].cloudAddressCandidates.first { AlibabaVocabulary.address($0.field.text) != nil }?.field.location
                ?? facts[1].location.appending("InternetIp")
            throw GenPeerError.data(
                "both tunnels end at the cloud address \(slave.remote.address); the master and slave tunnels use the VPN gateway's two addresses",
                at: field)
        }
        if let masterBGP = master.bgp, let slaveBGP = slave.bgp, masterBGP.tunnelNetwork.overlaps(slaveBGP.tunnelNetwork) {
            throw GenPeerError.data(
                "the tunnels' BGP networks \(masterBGP.tunnelNetwork) and \(slaveBGP.tunnelNetwork) overlap; each tunnel needs its own /30",
                at: facts[1].bgp!.tunnelCidr.location)
        }
        if (master.bgp == nil) != (slave.bgp == nil) {
            let without = master.bgp == nil ? facts[0] : facts[1]
            throw GenPeerError.data("BGP is on for one tunnel only; a dual-tunnel connection runs BGP on both tunnels or on neither",
                at: without.location.appending("TunnelBgpConfig"))
        }
    }

    // MARK: - Checks that hold for every target

    /// A route through a tunnel to its own gateway's address would carry the tunnel's IKE and ESP
    /// packets into it (and the blackhole behind it would drop them while it is down).
    private func refuseCloudPrefixesHoldingGateways(_ peer: PeerConnection) throws {
        guard options.cloudPrefixes != nil else { return }
        for (index, tunnel) in peer.tunnels.enumerated() {
            guard let prefix = peer.routes.cloudPrefixes.first(where: { $0.contains(tunnel.remote.address) }) else { continue }
            throw GenPeerError(
                .usage,
                "--cloud-prefixes \(prefix) holds \(tunnel.remote.address), the VPN gateway address"
                    + (peer.isDualTunnel ? " of tunnel \(index + 1) (\(tunnel.role.rawValue))" : "") + ": "
                    + "its IKE and ESP packets would be routed into the tunnel itself; name the VPC's CIDR blocks",
                at: peer.source)
        }
    }

    private func warnAboutAlibabaLimits(_ peer: PeerConnection, _ diagnostics: DiagnosticCollector) throws {
        let location = peer.source
        for tunnel in peer.tunnels {
            let tunnelLocation = tunnel.source.location
            if tunnel.ikeVersion == .ikev1 && peer.subnetPairs.count > Self.maximumIKEv1SubnetPairs {
                throw GenPeerError.data(
                    "IKEv1 with \(peer.localSubnets.count) on-premises and \(peer.remoteSubnets.count) cloud subnets needs "
                        + "\(peer.subnetPairs.count) SAs, one per pair; genpeer renders at most \(Self.maximumIKEv1SubnetPairs): "
                        + "switch the connection to IKEv2, which carries every subnet in one SA",
                    at: location)
            }
            if tunnel.ikeVersion == .ikev1 && peer.subnetPairs.count > 1 {
                diagnostics.warn(
                    "IKEv1 with \(peer.localSubnets.count) on-premises and \(peer.remoteSubnets.count) cloud subnets: "
                        + "rendered as \(peer.subnetPairs.count) separate subnet pairs, but Alibaba's IKEv1 carries only one pair "
                        + "per connection; switch the connection to IKEv2 or create one connection per pair",
                    at: location.appending(peer.localSubnets.count > 1 ? "RemoteSubnet" : "LocalSubnet"))
            }
            if tunnel.ikeVersion == .ikev1 && tunnel.ikeMode == .main
                && [tunnel.local.id, tunnel.remote.id].contains(where: { if case .fqdn = $0 { true } else { false } })
            {
                diagnostics.warn(
                    "IKEv1 main mode with a domain-name identity: Alibaba accepts only IP identities in main mode; use aggressive mode or IP identities",
                    at: SourceLocation(file: tunnelLocation.file, path: tunnel.source.ikeConfigPath))
            }
        }
        if let healthCheck = peer.healthCheck {
            diagnostics.warn(
                "the cloud's health check pings \(healthCheck.onPremisesDestination) from \(healthCheck.cloudSource) through this tunnel "
                    + "every \(healthCheck.intervalSeconds)s and resets the tunnel when it fails: that address must answer",
                at: location.appending("VcoHealthCheck"))
        }
        if peer.hasBGP && peer.routes.announced.isEmpty {
            diagnostics.warn(
                "BGP is on but nothing is announced to the cloud: the on-premises subnets are 0.0.0.0/0 (route-based); "
                    + "pass --announce with the on-premises prefixes the cloud should reach",
                at: location.appending("RemoteSubnet"))
        }
        if !peer.hasBGP && peer.isRouteBased && peer.routes.cloudPrefixes.isEmpty {
            diagnostics.warn(
                "route-based without BGP: the document does not name the cloud's prefixes, so no route leads into the tunnels; "
                    + "pass --cloud-prefixes with the VPC's CIDR blocks",
                at: location.appending("LocalSubnet"))
        }
    }

    // MARK: - Values

    private func connectionId(_ field: LocatedText) throws -> String? {
        guard let id = AlibabaVocabulary.text(field.text) else { return nil }
        // It is written into comments of every target: one line of plain characters only.
        if AlibabaVocabulary.looksMasked(id) {
            throw GenPeerError.data("\"\(id.truncatedForMessage)\" is not a connection ID: \(AlibabaVocabulary.maskedHint)", at: field.location)
        }
        guard ConnectionNamer.isSafe(id) else {
            throw GenPeerError.data(
                "\"\(id.truncatedForMessage)\" is not a connection ID (expected letters, digits, '-' and '_', like vco-bp1...)", at: field.location)
        }
        return id
    }

    private func routingMode(_ local: [IPv4Network], _ remote: [IPv4Network], _ facts: PeerFacts) throws -> RoutingMode {
        let localDefault = local.contains(where: \.isDefaultRoute)
        let remoteDefault = remote.contains(where: \.isDefaultRoute)
        switch (localDefault, remoteDefault) {
        case (true, true): return .routeBased
        case (false, false): return .policyBased
        case (true, false), (false, true):
            // Only one side 0.0.0.0/0 is a policy that captures everything: Alibaba's destination
            // routing has both sides 0.0.0.0/0.
            let field = localDefault ? facts.onPremisesSubnets : facts.cloudSubnets
            throw GenPeerError.data(
                "0.0.0.0/0 on one side only: destination routing (route-based) has 0.0.0.0/0 on both sides, policy-based real subnets on both",
                at: field.location)
        }
    }

    /// A keyword field; when missing, Alibaba's documented default, with a warning when `diagnostics` is given.
    private func keyword<Value: RawRepresentable<String> & CaseIterable>(
        _ text: String?, at location: @autoclosure () -> SourceLocation, default defaultValue: Value, diagnostics: DiagnosticCollector?
    ) throws -> Value {
        guard let keyword = AlibabaVocabulary.keyword(text) else {
            diagnostics?.warn("missing; assuming Alibaba's default \"\(defaultValue.rawValue)\"", at: location())
            return defaultValue
        }
        guard let value = Value(rawValue: keyword) else {
            let expected = Value.allCases.map(\.rawValue).joined(separator: ", ")
            throw GenPeerError.data("unsupported value \"\(AlibabaVocabulary.text(text)!.truncatedForMessage)\" (expected \(expected))", at: location())
        }
        return value
    }

    private func encryption(_ text: String?, at location: @autoclosure () -> SourceLocation) throws -> EncryptionAlgorithm {
        let keyword = try required(text, at: location())
        guard let algorithm = AlibabaVocabulary.encryption(keyword) else {
            throw GenPeerError.data("unsupported value \"\(keyword.truncatedForMessage)\" (expected \(AlibabaVocabulary.listedEncryption))", at: location())
        }
        return algorithm
    }

    private func integrity(_ text: String?, at location: @autoclosure () -> SourceLocation) throws -> IntegrityAlgorithm {
        let keyword = try required(text, at: location())
        guard let algorithm = AlibabaVocabulary.integrity(keyword) else {
            throw GenPeerError.data("unsupported value \"\(keyword.truncatedForMessage)\" (expected \(AlibabaVocabulary.listedIntegrity))", at: location())
        }
        return algorithm
    }

    /// A DH group; `nil` for `disabled` where that is allowed (phase 2 PFS).
    private func group(_ text: String?, allowingDisabled: Bool, at location: @autoclosure () -> SourceLocation) throws -> DHGroup? {
        let keyword = try required(text, at: location())
        if allowingDisabled && keyword == AlibabaVocabulary.pfsDisabled { return nil }
        guard let group = AlibabaVocabulary.group(keyword) else {
            let expected = (allowingDisabled ? "disabled, " : "") + AlibabaVocabulary.listedGroups
            throw GenPeerError.data("unsupported value \"\(keyword.truncatedForMessage)\" (expected \(expected))", at: location())
        }
        return group
    }

    private func lifetime(_ seconds: Int64?, at location: @autoclosure () -> SourceLocation, _ diagnostics: DiagnosticCollector) throws -> Lifetime {
        guard let seconds else {
            diagnostics.warn("missing; assuming Alibaba's default of 86400 seconds", at: location())
            return Lifetime(seconds: 86400)
        }
        guard (1...86400).contains(seconds) else {
            throw GenPeerError.data("lifetime \(seconds) is out of range (expected 1-86400 seconds)", at: location())
        }
        // The peer renews a tenth of the lifetime before its end: below a minute there is no
        // safe margin, and a renewal time that rounds to 0 reads as "never" in swanctl.
        guard seconds >= Lifetime.minimumSeconds else {
            throw GenPeerError.data(
                "lifetime \(seconds) s is too short for the peer to renew the SA before it ends (at least \(Lifetime.minimumSeconds) s; "
                    + "Alibaba's default is 86400): set a longer one on the Alibaba Cloud side",
                at: location())
        }
        return Lifetime(seconds: Int(seconds))
    }

    /// A required keyword, lowercased.
    private func required(_ text: String?, at location: @autoclosure () -> SourceLocation) throws -> String {
        guard let keyword = AlibabaVocabulary.keyword(text) else {
            throw GenPeerError.data("missing: this field is required", at: location())
        }
        return keyword
    }

    /// CIDR blocks per side: far more than a policy-based tunnel carries in practice, and it
    /// bounds what one connection renders (IKEv1 makes an SA per pair of blocks).
    static let maximumSubnets = 32
    /// IKEv1 negotiates one SA per (on-premises, cloud) pair.
    static let maximumIKEv1SubnetPairs = 64

    private func subnets(_ field: LocatedText, _ diagnostics: DiagnosticCollector) throws -> [IPv4Network] {
        guard let text = AlibabaVocabulary.text(field.text) else { throw GenPeerError.data("missing: this field is required", at: field.location) }
        var networks: [IPv4Network] = []
        for item in AlibabaVocabulary.list(text) {
            switch CIDRParser.parse(item) {
            case .network(let network, let hadHostBits)?:
                if hadHostBits {
                    diagnostics.warn("\"\(item)\" has host bits set; using the network \(network)", at: field.location)
                }
                if !networks.contains(network) { networks.append(network) }
            case .ipv6?:
                throw GenPeerError.data("IPv6 subnet \"\(item.truncatedForMessage)\" is not supported (IPv4 only)", at: field.location)
            case .invalid?, nil:
                throw GenPeerError.data("\"\(item.truncatedForMessage)\" is not an IPv4 CIDR block (expected e.g. 10.0.0.0/16)", at: field.location)
            }
        }
        guard !networks.isEmpty else { throw GenPeerError.data("missing: no subnet listed", at: field.location) }
        guard networks.count <= Self.maximumSubnets else {
            throw GenPeerError.data(
                "\(networks.count) CIDR blocks; genpeer renders at most \(Self.maximumSubnets) per side (summarize them into fewer, larger blocks)",
                at: field.location)
        }
        if networks.count > 1 && networks.contains(where: \.isDefaultRoute) {
            throw GenPeerError.data("0.0.0.0/0 cannot be listed with other subnets", at: field.location)
        }
        return networks
    }

    private func identity(_ field: LocatedText) throws -> Identity? {
        guard let text = AlibabaVocabulary.text(field.text) else { return nil }
        if AlibabaVocabulary.looksMasked(text) {
            throw GenPeerError.data("\"\(text.truncatedForMessage)\" is not a usable identity: \(AlibabaVocabulary.maskedHint)", at: field.location)
        }
        guard let identity = Identity.parse(text) else {
            throw GenPeerError.data(
                "\"\(text.truncatedForMessage)\" is not a usable identity (expected an IPv4 address or a domain name of letters, digits, '-', '_' and '.')",
                at: field.location)
        }
        return identity
    }

    private func cloudGatewayAddress(_ facts: TunnelFacts, index: Int, of count: Int) throws -> IPv4Address {
        if let address = NormalizeOptions.address(options.remoteAddresses, forTunnel: index, of: count) { return address }
        for candidate in facts.cloudAddressCandidates {
            guard let text = AlibabaVocabulary.text(candidate.field.text) else { continue }
            if let address = IPv4Address(text) { return address }
            if AlibabaVocabulary.looksMasked(text) {
                throw GenPeerError.data("\"\(text.truncatedForMessage)\" is not an IPv4 address: \(AlibabaVocabulary.maskedHint)", at: candidate.field.location)
            }
            if candidate.mustBeAddress {
                throw GenPeerError.data("\"\(text.truncatedForMessage)\" is not an IPv4 address", at: candidate.field.location)
            }
        }
        let names = facts.cloudAddressCandidates.map { $0.field.location.path.split(separator: ".").last.map(String.init) ?? "" }
        throw GenPeerError.data(
            "the cloud gateway's address is unknown (\(names.joined(separator: " and ")) hold no IPv4 address); pass --remote-address",
            at: facts.location)
    }

    private func ipv4Address(_ field: LocatedText) throws -> IPv4Address {
        guard let text = AlibabaVocabulary.text(field.text) else { throw GenPeerError.data("missing: an IPv4 address is required", at: field.location) }
        guard let address = IPv4Address(text) else {
            let hint = AlibabaVocabulary.looksMasked(text) ? ": \(AlibabaVocabulary.maskedHint)" : ""
            throw GenPeerError.data("expected an IPv4 address, found \"\(text.truncatedForMessage)\"\(hint)", at: field.location)
        }
        return address
    }

    /// BGP of one tunnel, when it is on. A `TunnelCidr` must be a /30 that holds both addresses,
    /// neither of them its network or broadcast address.
    private func bgp(_ facts: BGPFacts, _ diagnostics: DiagnosticCollector) throws -> PeerBGP? {
        let hasValues = facts.onPremisesASN.value != nil || facts.cloudASN.value != nil
        switch facts.enabled.value {
        case false?: return nil
        case nil where !hasValues: return nil
        case nil:
            diagnostics.warn("missing; the tunnel's BGP settings are filled in, so BGP is taken as on", at: facts.enabled.location)
        case true?: break
        }
        func asn(_ field: LocatedValue<Int64?>) throws -> UInt32 {
            guard let value = field.value else { throw GenPeerError.data("missing: BGP is on, so the ASN is required", at: field.location) }
            guard (1...Int64(UInt32.max)).contains(value) else {
                throw GenPeerError.data("ASN \(value) is out of range (expected 1-4294967295)", at: field.location)
            }
            return UInt32(value)
        }
        let localASN = try asn(facts.onPremisesASN)
        let remoteASN = try asn(facts.cloudASN)
        if facts.readFromCloudSide {
            diagnostics.warn(
                "LocalAsn is \(remoteASN), Alibaba Cloud's own ASN, which no customer gateway may use: this BgpConfig is written from the "
                    + "cloud's side, unlike the rest of the download, so LocalAsn/LocalBgpIp are read as the cloud's and PeerAsn/PeerBgpIp as this gateway's",
                at: facts.cloudASN.location)
        }
        let localAddress = try ipv4Address(facts.onPremisesAddress)
        let remoteAddress = try ipv4Address(facts.cloudAddress)
        guard let cidrText = AlibabaVocabulary.text(facts.tunnelCidr.text) else {
            throw GenPeerError.data("missing: BGP is on, so the tunnel's /30 network is required", at: facts.tunnelCidr.location)
        }
        guard case .network(let network, _)? = CIDRParser.parse(cidrText), network.prefixLength == 30 else {
            throw GenPeerError.data("\"\(cidrText.truncatedForMessage)\" is not a /30 CIDR block (expected e.g. 169.254.10.0/30)", at: facts.tunnelCidr.location)
        }
        for (address, field) in [(localAddress, facts.onPremisesAddress), (remoteAddress, facts.cloudAddress)] {
            guard network.contains(address), address != network.address, address != network.lastAddress else {
                throw GenPeerError.data("\(address) is not a host address of the tunnel network \(network)", at: field.location)
            }
        }
        guard localAddress != remoteAddress else {
            throw GenPeerError.data("both BGP addresses are \(localAddress); each side has its own", at: facts.onPremisesAddress.location)
        }
        if !IPv4Network(containing: IPv4Address(0xA9FE_0000), prefixLength: 16).contains(network.address) {
            diagnostics.warn("\(network) is outside 169.254.0.0/16, where Alibaba places tunnel networks", at: facts.tunnelCidr.location)
        }
        return PeerBGP(
            localASN: localASN, remoteASN: remoteASN, localAddress: localAddress, remoteAddress: remoteAddress, tunnelNetwork: network,
            authenticationKey: try bgpKey(facts.authKey, diagnostics))
    }

    /// The session key: a masked one (Alibaba's documentation shows `AuthKey****`) becomes a
    /// marked placeholder with a warning.
    private func bgpKey(_ field: LocatedText, _ diagnostics: DiagnosticCollector) throws -> BGPKey? {
        guard let text = AlibabaVocabulary.text(field.text) else { return nil }
        if text.contains("****") {
            diagnostics.warn(
                "the BGP key looks masked (it holds ****): the output has the placeholder \(BGPKey.placeholderText) where the key goes; put the real key there",
                at: field.location)
            return .placeholder
        }
        guard let key = PresharedKey.parse(text) else {
            throw GenPeerError.data("invalid BGP key: it must be 1-100 printable ASCII characters without spaces (value not shown)", at: field.location)
        }
        return .key(options.redactsSecrets ? .redacted : key)
    }

    private func healthCheck(_ check: AlibabaHealthCheck) throws -> PeerHealthCheck? {
        guard check.enable == true else { return nil }
        return PeerHealthCheck(
            cloudSource: try ipv4Address(LocatedText(text: check.sip, field: "Sip", of: check.location)),
            onPremisesDestination: try ipv4Address(LocatedText(text: check.dip, field: "Dip", of: check.location)),
            intervalSeconds: Int(check.interval ?? 3),
            retries: Int(check.retry ?? 3))
    }
}
