import Foundation

/// Checks one Alibaba connection without rendering it: what would go wrong, and which targets
/// can express it as it is.
///
/// It reads the faithful model (``AlibabaConnection``), so it sees what the normalizer refuses:
/// every tunnel of a dual-tunnel connection is judged on its own, and the tunnels are compared
/// with each other. The findings are
///
/// - algorithms below RFC 8247 (IKE) or RFC 8221 (ESP): MUST NOT is an
///   ``CheckFinding/Severity/error``, SHOULD NOT a ``CheckFinding/Severity/warning``, MUST- (and
///   3DES's legacy MAY in IKE) an ``CheckFinding/Severity/info``; PFS disabled; ShangMi algorithms;
/// - IKEv1 (deprecated by RFC 9395), its aggressive mode, domain-name identities in its main
///   mode, and more than one subnet pair with it;
/// - IP identities that are not the address of the gateway they name;
/// - tunnels whose lifetimes, algorithms or settings differ;
/// - values genpeer cannot read at all (`invalid-value`, the input is bad).
///
/// Each finding names its field and, where there is one, the setting to ask Alibaba for
/// (`IkePfs=group14`). The compatibility of each configuration target comes from running the
/// real ``Normalizer`` and ``Renderer`` on the connection, so it says exactly what
/// `genpeer --target T` would refuse or warn about.
///
/// ```swift
/// let checker = try ConnectionChecker()
/// for connection in try DocumentReader().read(data, fileName: "vco.json") {
///     let report = checker.check(connection)
///     print(report.label, report.problems.map(\.code.rawValue), report.isClean)
/// }
/// ```
public struct ConnectionChecker: Sendable {
    /// What the user says about the peer (`--remote-address`, `--local-address`, ...); the
    /// addresses count as gateway addresses for the identity check and for the targets.
    public let options: NormalizeOptions
    private let probe: CompatibilityProbe

    /// Compiles the templates of every target in ``CheckReport/targets``; throws when one is broken.
    public init(options: NormalizeOptions = NormalizeOptions(), templates: TemplateStore = TemplateStore(), renderOptions: RenderOptions = RenderOptions()) throws {
        self.options = options
        probe = CompatibilityProbe(
            options: options,
            renderers: try CheckReport.targets.map { try Renderer(target: $0, templates: templates, options: renderOptions) })
    }

    /// The report for one connection; never throws: what cannot be read becomes an
    /// `invalid-value` finding.
    public func check(_ connection: AlibabaConnection) -> CheckReport {
        let probed = probe.probe(connection)
        let findings = probed.inputErrors.map { error in
            CheckFinding(.invalidValue, .error, error.diagnostic.message, at: error.diagnostic.location ?? connection.location)
        } + CheckRules(options: options).findings(connection)
        let (name, id): (String?, String?)
        switch connection {
        case .described(let described): (name, id) = (described.name, described.vpnConnectionId)
        case .downloaded: (name, id) = (nil, nil)
        }
        return CheckReport(
            file: connection.location.file, path: connection.location.path, name: name, vpnConnectionId: id,
            findings: findings.droppingRepeats(), compatibility: probed.compatibility)
    }
}

extension ConnectionChecker {
    /// Checks every connection of every input, through the same stages as a run, and hands
    /// each report — or each input's reading error — to `body` in input order. A linter reads on:
    /// an input that cannot be read does not stop the others.
    public func check(
        _ sources: [InputSource], reader: DocumentReader, diagnostics: DiagnosticCollector, _ body: (Result<CheckReport, GenPeerError>) throws -> Void
    ) throws {
        let stages = ParallelStages<CheckReport, CheckReport, CheckReport>.Stages(
            prepare: { try check($0.decoded()) }, sequence: { $0 }, finish: { $0 })
        try Pipeline(reader: reader, stages: stages, diagnostics: diagnostics).run(sources) { outcome in
            try body(outcome.mapError { $0 as? GenPeerError ?? GenPeerError(.data, "\($0)") })
        }
    }
}

/// The findings of `check` about one connection, read off the faithful model: the part of
/// `check` that needs no target, which every render prints as warnings too.
struct CheckRules: Sendable {
    var options: NormalizeOptions

    /// The findings, in the order the checks run; a value that cannot be read is left to the normalizer.
    func findings(_ connection: AlibabaConnection) -> [CheckFinding] {
        findings(PeerFacts(connection))
    }

    /// ``findings(_:)`` of facts already sorted out (the run normalizes them too).
    func findings(_ facts: PeerFacts) -> [CheckFinding] {
        var findings: [CheckFinding] = []
        let tunnels = facts.tunnels.compactMap { try? $0.get() }
        for tunnel in tunnels {
            let index = tunnels.count == 1 ? 0 : tunnel.number - 1
            findings += algorithmFindings(tunnel)
            findings += versionFindings(tunnel, facts)
            findings += identityFindings(
                tunnel, cloudAddress: NormalizeOptions.address(options.remoteAddresses, forTunnel: index, of: tunnels.count),
                onPremisesAddress: NormalizeOptions.address(options.localAddresses, forTunnel: index, of: tunnels.count),
                isDualTunnel: facts.isDualTunnel, tunnelsShareGateway: Set(tunnels.map(\.customerGatewayId)).count <= 1)
        }
        findings += tunnelDifferences(facts.isDualTunnel ? tunnels : [])
        return findings.droppingRepeats()
    }

    // MARK: - Algorithms

    private func algorithmFindings(_ tunnel: TunnelFacts) -> [CheckFinding] {
        let ike = tunnel.ike
        let ipsec = tunnel.ipsec
        var findings = [
            assess(
                ike.ikeEncAlg, "IkeEncAlg", in: ike.location, code: .weakIKEEncryption, strong: AlibabaVocabulary.strongEncryption,
                decode: AlibabaVocabulary.encryption, level: \.ikeLevel, name: \.displayName),
            assess(
                ike.ikeAuthAlg, "IkeAuthAlg", in: ike.location, code: .weakIKEIntegrity, strong: AlibabaVocabulary.strongIntegrity,
                decode: AlibabaVocabulary.integrity, level: \.ikeLevel, name: \.displayName),
            assess(
                ike.ikePfs, "IkePfs", in: ike.location, code: .weakDHGroup, strong: AlibabaVocabulary.strongGroup,
                decode: AlibabaVocabulary.group, level: \.level, name: \.displayName),
            assess(
                ipsec.ipsecEncAlg, "IpsecEncAlg", in: ipsec.location, code: .weakESPEncryption, strong: AlibabaVocabulary.strongEncryption,
                decode: AlibabaVocabulary.encryption, level: \.espLevel, name: \.displayName),
            assess(
                ipsec.ipsecAuthAlg, "IpsecAuthAlg", in: ipsec.location, code: .weakESPIntegrity, strong: AlibabaVocabulary.strongIntegrity,
                decode: AlibabaVocabulary.integrity, level: \.espLevel, name: \.displayName),
        ].compactMap { $0 }
        if AlibabaVocabulary.keyword(ipsec.ipsecPfs) == AlibabaVocabulary.pfsDisabled {
            findings.append(
                CheckFinding(
                    .pfsDisabled, .warning,
                    "PFS is disabled: the Child SAs' keys come from the IKE SA's key material without a fresh "
                        + "Diffie-Hellman exchange, so whoever breaks one IKE SA reads every Child SA keyed under it",
                    at: ipsec.location.appending("IpsecPfs"), suggestion: AlibabaSetting("IpsecPfs", AlibabaVocabulary.strongGroup)))
        } else if let finding = assess(
            ipsec.ipsecPfs, "IpsecPfs", in: ipsec.location, code: .weakPFSGroup, strong: AlibabaVocabulary.strongGroup,
            decode: AlibabaVocabulary.group, level: \.level, name: \.displayName)
        {
            findings.append(finding)
        }
        return findings
    }

    /// The finding for one algorithm field, if its RFC level calls for one. Tokens genpeer does
    /// not know are left to the normalizer (`invalid-value`).
    private func assess<Algorithm>(
        _ text: String?, _ field: String, in block: SourceLocation, code: CheckFinding.Code, strong: String,
        decode: (String) -> Algorithm?, level: (Algorithm) -> AlgorithmLevel?, name: (Algorithm) -> String
    ) -> CheckFinding? {
        guard let token = AlibabaVocabulary.keyword(text), let algorithm = decode(token), let level = level(algorithm) else {
            return nil
        }
        let isShangMi = token == "sm3" || token == "sm4"
        return CheckFinding(
            isShangMi ? .shangMiAlgorithm : code, CheckFinding.Severity(level.severity),
            "\(token) (\(name(algorithm))) is \(level.keyword) in \(level.reference): \(level.why)"
                + (isShangMi ? "; a peer without SM support needs a standard (non-ShangMi) VPN gateway" : ""),
            at: block.appending(field), suggestion: AlibabaSetting(field, strong), reference: level.reference)
    }

    // MARK: - IKE version, mode and subnets

    private func versionFindings(_ tunnel: TunnelFacts, _ facts: PeerFacts) -> [CheckFinding] {
        let ike = tunnel.ike
        // Alibaba's documented defaults when the fields are missing.
        guard (AlibabaVocabulary.keyword(ike.ikeVersion) ?? IKEVersion.ikev1.rawValue) == IKEVersion.ikev1.rawValue else { return [] }
        var findings = [
            CheckFinding(
                .ikev1Deprecated, .warning,
                "IKEv1 is deprecated (RFC 9395) and Alibaba recommends IKEv2; IKEv2 also carries several subnets in one SA",
                at: ike.location.appending("IkeVersion"), suggestion: AlibabaSetting("IkeVersion", IKEVersion.ikev2.rawValue),
                reference: "RFC 9395")
        ]
        let fqdnIdentities = [tunnel.onPremisesId, tunnel.cloudId].filter {
            if case .fqdn? = AlibabaVocabulary.text($0.text).flatMap(Identity.parse) { true } else { false }
        }
        if AlibabaVocabulary.keyword(ike.ikeMode) == IKEMode.aggressive.rawValue {
            findings.append(
                CheckFinding(
                    .ikev1AggressiveMode, .warning,
                    "IKEv1 aggressive mode answers anyone with a hash keyed by the pre-shared key, which can be attacked offline",
                    at: ike.location.appending("IkeMode"),
                    suggestion: fqdnIdentities.isEmpty ? AlibabaSetting("IkeMode", IKEMode.main.rawValue) : AlibabaSetting("IkeVersion", IKEVersion.ikev2.rawValue)))
        } else {
            for identity in fqdnIdentities {
                findings.append(
                    CheckFinding(
                        .ikev1MainModeFQDN, .warning,
                        "IKEv1 main mode with the domain-name identity \"\(identity.text!)\": Alibaba accepts only IP identities in main mode (PeerIdMismatch)",
                        at: identity.location, suggestion: AlibabaSetting("IkeVersion", IKEVersion.ikev2.rawValue)))
            }
        }
        let onPremises = Self.networks(facts.onPremisesSubnets.text)
        let cloud = Self.networks(facts.cloudSubnets.text)
        if let onPremises, let cloud, onPremises.count * cloud.count > 1 {
            let field = onPremises.count > 1 ? facts.onPremisesSubnets : facts.cloudSubnets
            findings.append(
                CheckFinding(
                    .ikev1SeveralSubnets, .warning,
                    "IKEv1 negotiates one SA per (on-premises, cloud) subnet pair: \(onPremises.count) × \(cloud.count) subnets make "
                        + "\(onPremises.count * cloud.count) pairs, but Alibaba's IKEv1 side carries one pair per connection, "
                        + "and peers that negotiate only the first pair leave the others down; or create one connection per pair",
                    at: field.location, suggestion: AlibabaSetting("IkeVersion", IKEVersion.ikev2.rawValue)))
        }
        return findings
    }

    /// The distinct networks of a subnet list; `nil` when one is not a CIDR block (the
    /// normalizer reports that).
    private static func networks(_ text: String?) -> [IPv4Network]? {
        var networks: [IPv4Network] = []
        for item in AlibabaVocabulary.list(text ?? "") {
            guard case .network(let network, _)? = CIDRParser.parse(item) else { return nil }
            if !networks.contains(network) { networks.append(network) }
        }
        return networks.isEmpty ? nil : networks
    }

    // MARK: - Identities

    /// An IP identity is the address of its gateway unless someone set it by hand: Alibaba's
    /// `LocalId` defaults to the VPN gateway's address and `RemoteId` to the customer gateway's.
    /// The options' addresses name one gateway on each side: with two tunnels, each has its own
    /// cloud address unless the user gave one per tunnel, and its own customer gateway when the
    /// tunnels' CustomerGatewayIds differ.
    private func identityFindings(
        _ tunnel: TunnelFacts, cloudAddress: IPv4Address?, onPremisesAddress: IPv4Address?, isDualTunnel: Bool, tunnelsShareGateway: Bool
    ) -> [CheckFinding] {
        var findings: [CheckFinding] = []
        let cloudAddress = isDualTunnel && options.remoteAddresses.count != 2 ? nil : cloudAddress
        let onPremisesAddress = tunnelsShareGateway || options.localAddresses.count == 2 ? onPremisesAddress : nil
        if let identity = AlibabaVocabulary.address(tunnel.cloudId.text) {
            let known: (address: IPv4Address, source: String)? =
                cloudAddress.map { ($0, "--remote-address") }
                ?? tunnel.cloudAddressCandidates.lazy
                    .filter { $0.field.location != tunnel.cloudId.location }
                    .compactMap { candidate in AlibabaVocabulary.address(candidate.field.text).map { ($0, Self.fieldName(candidate.field.location)) } }
                    .first
            if let known, known.address != identity {
                findings.append(
                    CheckFinding(
                        .identityMismatch, .warning,
                        "the VPN gateway's identity \(identity) is not its address \(known.address) (\(known.source)): Alibaba's default "
                            + "identity is the gateway's address, so this one was set by hand (or copied from another gateway or tunnel), "
                            + "and a peer that expects the address as identity fails with PeerIdMismatch",
                        at: tunnel.cloudId.location, suggestion: AlibabaSetting("LocalId", known.address.description)))
            }
        }
        if let identity = AlibabaVocabulary.address(tunnel.onPremisesId.text) {
            var known: (address: IPv4Address, source: String)? = onPremisesAddress.map { ($0, "--local-address") }
            if known == nil, let field = tunnel.onPremisesAddress, field.location != tunnel.onPremisesId.location,
                let address = AlibabaVocabulary.address(field.text)
            {
                known = (address, Self.fieldName(field.location))
            }
            if let known, known.address != identity, let range = known.address.nonPublicRange {
                // Behind NAT the cloud never sees a private address: the identity stays what it is.
                findings.append(
                    CheckFinding(
                        .identityMismatch, .info,
                        "this gateway's address \(known.address) (\(known.source)) is \(range): it sits behind NAT, and the cloud sees the NAT's "
                            + "public address. Keep RemoteId \(identity) (genpeer makes it this gateway's own identity), make sure the customer "
                            + "gateway's IP in Alibaba is the NAT's public address, and keep NAT traversal on",
                        at: tunnel.onPremisesId.location))
            } else if let known, known.address != identity {
                findings.append(
                    CheckFinding(
                        .identityMismatch, .warning,
                        "the on-premises identity \(identity) is not the customer gateway's address \(known.address) (\(known.source)): "
                            + "the cloud expects this gateway to identify as \(identity), which works only if it is set up to (e.g. as its address behind a NAT)",
                        at: tunnel.onPremisesId.location, suggestion: AlibabaSetting("RemoteId", known.address.description)))
            }
        }
        return findings
    }

    private static func fieldName(_ location: SourceLocation) -> String {
        location.path.split(separator: ".").last.map(String.init) ?? location.path
    }

    // MARK: - Tunnels compared

    private func tunnelDifferences(_ tunnels: [TunnelFacts]) -> [CheckFinding] {
        guard let first = tunnels.first, tunnels.count > 1 else { return [] }
        var findings: [CheckFinding] = []
        for other in tunnels.dropFirst() {
            let pair = (first: first, other: other)
            do {
                let (a, b) = (first.ike, other.ike)
                findings += lifetimeDifference(pair, "IkeLifetime", a.ikeLifetime, b.ikeLifetime, a.location, b.location)
                findings += algorithmDifference(pair, "IkeEncAlg", a.ikeEncAlg, b.ikeEncAlg, a.location, b.location, rank: AlibabaVocabulary.encryptionRank)
                findings += algorithmDifference(pair, "IkeAuthAlg", a.ikeAuthAlg, b.ikeAuthAlg, a.location, b.location, rank: AlibabaVocabulary.integrityRank)
                findings += algorithmDifference(pair, "IkePfs", a.ikePfs, b.ikePfs, a.location, b.location, rank: AlibabaVocabulary.groupRank)
                findings += settingDifference(
                    pair, "IkeVersion", AlibabaVocabulary.keyword(a.ikeVersion) ?? IKEVersion.ikev1.rawValue,
                    AlibabaVocabulary.keyword(b.ikeVersion) ?? IKEVersion.ikev1.rawValue,
                    at: b.location.appending("IkeVersion"), prefer: IKEVersion.ikev2.rawValue)
                findings += settingDifference(
                    pair, "IkeMode", AlibabaVocabulary.keyword(a.ikeMode) ?? IKEMode.main.rawValue,
                    AlibabaVocabulary.keyword(b.ikeMode) ?? IKEMode.main.rawValue,
                    at: b.location.appending("IkeMode"), prefer: IKEMode.main.rawValue)
            }
            do {
                let (a, b) = (first.ipsec, other.ipsec)
                findings += lifetimeDifference(pair, "IpsecLifetime", a.ipsecLifetime, b.ipsecLifetime, a.location, b.location)
                findings += algorithmDifference(pair, "IpsecEncAlg", a.ipsecEncAlg, b.ipsecEncAlg, a.location, b.location, rank: AlibabaVocabulary.encryptionRank)
                findings += algorithmDifference(pair, "IpsecAuthAlg", a.ipsecAuthAlg, b.ipsecAuthAlg, a.location, b.location, rank: AlibabaVocabulary.integrityRank)
                findings += algorithmDifference(pair, "IpsecPfs", a.ipsecPfs, b.ipsecPfs, a.location, b.location, rank: AlibabaVocabulary.groupRank)
            }
            for (field, a, b) in [("EnableDpd", first.enableDpd, other.enableDpd), ("EnableNatTraversal", first.enableNatTraversal, other.enableNatTraversal)] {
                // Alibaba's default for both is on.
                findings += settingDifference(pair, field, String(a.value ?? true), String(b.value ?? true), at: b.location, prefer: "true")
            }
        }
        return findings
    }

    private func lifetimeDifference(
        _ pair: (first: TunnelFacts, other: TunnelFacts), _ field: String, _ a: Int64?, _ b: Int64?, _ aBlock: SourceLocation,
        _ bBlock: SourceLocation
    ) -> [CheckFinding] {
        // A missing lifetime is Alibaba's default of 86400 seconds.
        let (first, other) = (a ?? 86400, b ?? 86400)
        guard first != other else { return [] }
        return [
            CheckFinding(
                .tunnelLifetimesDiffer, .warning,
                "\(pair.other.label) has \(field) \(other) s, \(pair.first.label) \(first) s: the tunnels renew at different times, a "
                    + "failover lands on an SA with another lifetime, and a peer set up once for both tunnels mismatches one of them",
                at: bBlock.appending(field), suggestion: AlibabaSetting(field, String(first)))
        ]
    }

    /// Reported at the weaker tunnel's field, asking for the stronger tunnel's value.
    private func algorithmDifference(
        _ pair: (first: TunnelFacts, other: TunnelFacts), _ field: String, _ a: String?, _ b: String?, _ aBlock: SourceLocation,
        _ bBlock: SourceLocation, rank: [String]
    ) -> [CheckFinding] {
        guard let first = AlibabaVocabulary.keyword(a), let other = AlibabaVocabulary.keyword(b), first != other else { return [] }
        let firstIsWeaker = (rank.firstIndex(of: first) ?? -1) < (rank.firstIndex(of: other) ?? -1)
        let (weak, strong) = firstIsWeaker ? (pair.first, pair.other) : (pair.other, pair.first)
        let (weakToken, strongToken) = firstIsWeaker ? (first, other) : (other, first)
        return [
            CheckFinding(
                .tunnelAlgorithmsDiffer, .warning,
                "\(weak.label) has \(field) \(weakToken), \(strong.label) \(strongToken): a failover changes the protection, "
                    + "and a peer set up once for both tunnels fails to negotiate one of them",
                at: (firstIsWeaker ? aBlock : bBlock).appending(field), suggestion: AlibabaSetting(field, strongToken))
        ]
    }

    /// Reported at the second tunnel's field, asking for the preferred value of the two.
    private func settingDifference(
        _ pair: (first: TunnelFacts, other: TunnelFacts), _ field: String, _ first: String, _ other: String, at location: SourceLocation,
        prefer: String
    ) -> [CheckFinding] {
        guard first != other else { return [] }
        return [
            CheckFinding(
                .tunnelSettingsDiffer, .warning,
                "\(pair.other.label) has \(field) \(other), \(pair.first.label) \(first): the tunnels behave differently, and a peer "
                    + "set up once for both tunnels fails on one of them",
                at: location, suggestion: AlibabaSetting(field, [first, other].contains(prefer) ? prefer : first))
        ]
    }
}
