/// What `genpeer check` found about one connection: its findings and which targets can express it.
///
/// A report is a plain value: ``ConnectionChecker`` makes it, the command line prints it as text
/// or JSON, and nothing in it depends on the order reports are made in.
public struct CheckReport: Sendable, Hashable, Codable {
    /// The input file (`-` for standard input).
    public var file: String
    /// The connection's field path in the document (empty for a singular response).
    public var path: String
    /// The connection's `Name`, as sent.
    public var name: String?
    /// The connection's `VpnConnectionId`, as sent.
    public var vpnConnectionId: String?
    /// Everything worth telling, in the order the checks ran.
    public var findings: [CheckFinding]
    /// For each configuration target (the `model` target is left out): can genpeer render this
    /// connection as it is?
    public var compatibility: [TargetName: Compatibility]

    public init(
        file: String, path: String, name: String?, vpnConnectionId: String?, findings: [CheckFinding],
        compatibility: [TargetName: Compatibility]
    ) {
        self.file = file
        self.path = path
        self.name = name
        self.vpnConnectionId = vpnConnectionId
        self.findings = findings
        self.compatibility = compatibility
    }

    /// How a person calls the connection: `Name (VpnConnectionId)`, either one alone, else its
    /// field path, else the file.
    public var label: String {
        let name = self.name.flatMap { $0.isEmpty ? nil : $0 }
        let id = vpnConnectionId.flatMap { $0.isEmpty ? nil : $0 }
        switch (name, id) {
        case let (name?, id?): return "\(name) (\(id))"
        case let (name?, nil): return name
        case let (nil, id?): return id
        case (nil, nil): return path.isEmpty ? file : path
        }
    }

    /// The findings that make `check` exit 1: everything but ``CheckFinding/Severity/info``.
    public var problems: [CheckFinding] { findings.filter { $0.severity != .info } }

    /// True when some value is not one genpeer can read at all (`invalid-value`): the input is bad.
    public var hasInputErrors: Bool { findings.contains { $0.code == .invalidValue } }

    /// No warning or error, and every target can express the connection (perhaps with warnings).
    public var isClean: Bool {
        problems.isEmpty && !compatibility.values.contains { if case .no = $0 { true } else { false } }
    }

    /// The targets `check` judges, in the order it lists them: every device target.
    public static var targets: [TargetName] { TargetName.devices }

    private enum CodingKeys: String, CodingKey {
        case file, path, name, vpnConnectionId, label, findings, compatibility, clean
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        file = try container.decode(String.self, forKey: .file)
        path = try container.decode(String.self, forKey: .path)
        name = try container.decodeIfPresent(String.self, forKey: .name)
        vpnConnectionId = try container.decodeIfPresent(String.self, forKey: .vpnConnectionId)
        findings = try container.decode([CheckFinding].self, forKey: .findings)
        var compatibility: [TargetName: Compatibility] = [:]
        for (key, value) in try container.decode([String: Compatibility].self, forKey: .compatibility) {
            guard let target = TargetName(rawValue: key) else {
                throw DecodingError.dataCorruptedError(forKey: .compatibility, in: container, debugDescription: "unknown target \(key)")
            }
            compatibility[target] = value
        }
        self.compatibility = compatibility
    }

    /// Targets are written as object keys (`"strongswan-legacy": {...}`); `label` and `clean` are
    /// written for readers and ignored when read back.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(file, forKey: .file)
        try container.encode(path, forKey: .path)
        try container.encodeIfPresent(name, forKey: .name)
        try container.encodeIfPresent(vpnConnectionId, forKey: .vpnConnectionId)
        try container.encode(label, forKey: .label)
        try container.encode(findings, forKey: .findings)
        try container.encode(Dictionary(uniqueKeysWithValues: compatibility.map { ($0.key.rawValue, $0.value) }), forKey: .compatibility)
        try container.encode(isClean, forKey: .clean)
    }
}

/// One thing `check` tells about a connection.
public struct CheckFinding: Sendable, Hashable, Codable {
    /// How much it matters.
    public enum Severity: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
        /// Worth knowing, nothing to change now (e.g. an algorithm at RFC level MUST-). Does not
        /// make `check` exit 1.
        case info
        /// Should be changed: a SHOULD NOT algorithm, a setting that breaks some peers.
        case warning
        /// Must be changed: a MUST NOT algorithm, or a value genpeer cannot read.
        case error

        /// The severity of an algorithm at an RFC level.
        init(_ level: AlgorithmLevel.Severity) {
            switch level {
            case .info: self = .info
            case .warning: self = .warning
            case .mustNot: self = .error
            }
        }

        private var rank: Int { Self.allCases.firstIndex(of: self)! }

        public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
    }

    /// A finding's kind. The raw values are stable: scripts may match on them.
    public enum Code: String, Sendable, Hashable, Codable, CaseIterable {
        /// `IkeEncAlg` is below what RFC 8247 §2.1 recommends.
        case weakIKEEncryption = "weak-ike-encryption"
        /// `IkeAuthAlg` (integrity and PRF) is below what RFC 8247 §2.2/§2.3 recommend.
        case weakIKEIntegrity = "weak-ike-integrity"
        /// `IkePfs` (the IKE SA's Diffie-Hellman group) is below RFC 8247 §2.4.
        case weakDHGroup = "weak-dh-group"
        /// `IpsecEncAlg` is below what RFC 8221 §5 recommends.
        case weakESPEncryption = "weak-esp-encryption"
        /// `IpsecAuthAlg` is below what RFC 8221 §6 recommends.
        case weakESPIntegrity = "weak-esp-integrity"
        /// `IpsecPfs` names a group below RFC 8247 §2.4.
        case weakPFSGroup = "weak-pfs-group"
        /// `IpsecPfs=disabled`: Child SA keys get no fresh Diffie-Hellman exchange.
        case pfsDisabled = "pfs-disabled"
        /// SM3/SM4 (ShangMi): in neither RFC; only a peer with SM support can negotiate them.
        case shangMiAlgorithm = "shangmi-algorithm"
        /// IKEv1, deprecated by RFC 9395.
        case ikev1Deprecated = "ikev1-deprecated"
        /// IKEv1 aggressive mode with a pre-shared key.
        case ikev1AggressiveMode = "ikev1-aggressive-mode"
        /// IKEv1 main mode with a domain-name identity, which Alibaba does not accept.
        case ikev1MainModeFQDN = "ikev1-main-mode-fqdn-id"
        /// IKEv1 with more than one (on-premises, cloud) subnet pair.
        case ikev1SeveralSubnets = "ikev1-several-subnets"
        /// An IP identity that is not the address of the gateway it names.
        case identityMismatch = "identity-mismatch"
        /// The tunnels of a dual-tunnel connection have different lifetimes.
        case tunnelLifetimesDiffer = "tunnel-lifetimes-differ"
        /// The tunnels of a dual-tunnel connection have different algorithms.
        case tunnelAlgorithmsDiffer = "tunnel-algorithms-differ"
        /// The tunnels of a dual-tunnel connection differ in IKE version, mode, DPD or NAT traversal.
        case tunnelSettingsDiffer = "tunnel-settings-differ"
        /// A value genpeer cannot read at all (the input is bad; `check` exits 65).
        case invalidValue = "invalid-value"
    }

    public var code: Code
    public var severity: Severity
    /// What is wrong and why, without the suggestion (see ``suggestion``).
    public var message: String
    /// The field the finding is about.
    public var location: SourceLocation
    /// The setting to ask Alibaba for, as an API parameter (`IkeEncAlg=aes256`), when there is one.
    public var suggestion: AlibabaSetting?
    /// The RFC and section behind the finding (`RFC 8247 §2.4`), when there is one.
    public var reference: String?

    public init(
        _ code: Code, _ severity: Severity, _ message: String, at location: SourceLocation, suggestion: AlibabaSetting? = nil,
        reference: String? = nil
    ) {
        self.code = code
        self.severity = severity
        self.message = message
        self.location = location
        self.suggestion = suggestion
        self.reference = reference
    }
}

/// A setting in Alibaba's own vocabulary: a parameter of CreateVpnConnection /
/// ModifyVpnConnectionAttribute (`IkeConfig`/`IpsecConfig` keys, `LocalId`, `RemoteId`, …) and its
/// value. `LocalId` is always the cloud side and `RemoteId` the on-premises side, as in the API,
/// whatever the shape of the document the finding came from.
public struct AlibabaSetting: Sendable, Hashable, Codable, CustomStringConvertible {
    public var parameter: String
    public var value: String

    public init(_ parameter: String, _ value: String) {
        self.parameter = parameter
        self.value = value
    }

    /// `parameter=value`.
    public var description: String { "\(parameter)=\(value)" }
}

/// Whether a target can express a connection as it is.
public enum Compatibility: Sendable, Hashable, Codable {
    /// Renders without a word.
    case yes
    /// Renders, with these warnings (what `genpeer --target T` would print).
    case withWarnings([CompatibilityNote])
    /// Does not render, for these reasons.
    case no([CompatibilityNote])

    /// `yes`, `with-warnings` or `no`.
    public var status: String {
        switch self {
        case .yes: return "yes"
        case .withWarnings: return "with-warnings"
        case .no: return "no"
        }
    }

    /// The warnings or reasons.
    public var notes: [CompatibilityNote] {
        switch self {
        case .yes: return []
        case .withWarnings(let notes), .no(let notes): return notes
        }
    }

    private enum CodingKeys: String, CodingKey {
        case status, warnings, reasons
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        switch try container.decode(String.self, forKey: .status) {
        case "yes": self = .yes
        case "with-warnings": self = .withWarnings(try container.decode([CompatibilityNote].self, forKey: .warnings))
        case "no": self = .no(try container.decode([CompatibilityNote].self, forKey: .reasons))
        case let other:
            throw DecodingError.dataCorruptedError(forKey: .status, in: container, debugDescription: "unknown status \(other)")
        }
    }

    /// `{"status": "yes"}`, `{"status": "with-warnings", "warnings": [...]}`, `{"status": "no", "reasons": [...]}`.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(status, forKey: .status)
        switch self {
        case .yes: break
        case .withWarnings(let notes): try container.encode(notes, forKey: .warnings)
        case .no(let notes): try container.encode(notes, forKey: .reasons)
        }
    }
}

/// A warning or refusal of a target, as genpeer's pipeline reported it.
public struct CompatibilityNote: Sendable, Hashable, Codable {
    /// The field it is about, when it names one.
    public var location: SourceLocation?
    public var message: String

    public init(location: SourceLocation?, message: String) {
        self.location = location
        self.message = message
    }

    init(_ diagnostic: Diagnostic) {
        self.init(location: diagnostic.location, message: diagnostic.message)
    }
}
