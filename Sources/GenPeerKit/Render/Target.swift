/// The output formats genpeer renders.
public enum TargetName: String, Sendable, CaseIterable, Codable {
    case strongswan
    case strongswanLegacy = "strongswan-legacy"
    case libreswan
    case markdown
    case model

    /// One line for `genpeer targets`.
    public var summary: String {
        switch self {
        case .strongswan: return "strongSwan swanctl.conf (vici), 5.8 and later: swanctl/conf.d/<name>.conf"
        case .strongswanLegacy: return "strongSwan ipsec.conf + ipsec.secrets (stroke/starter): ipsec.conf, ipsec.secrets"
        case .libreswan: return "Libreswan 4.x/5.x ipsec.conf conn + secrets: ipsec.d/<name>.conf, ipsec.d/<name>.secrets"
        case .markdown: return "a docs snippet per connection: both sides' parameters, the --device config, firewall ports: <name>.md"
        case .model: return "the normalized peer model as JSON (the template context)"
        }
    }
}

extension TargetName {
    /// The targets that configure a device, which `--target markdown --device` can show.
    public static let devices: [TargetName] = [.strongswan, .strongswanLegacy, .libreswan]

    /// The templates this target renders through, by name (`templates/<target>/<name>.mustache`).
    public var templateNames: [String] {
        fileLayouts.flatMap { [$0.headerTemplate, $0.entryTemplate].compactMap { $0 } }
    }

    var fileLayouts: [FileLayout] {
        switch self {
        case .strongswan: return StrongSwanDialect().files
        case .strongswanLegacy: return StrongSwanLegacyDialect().files
        case .libreswan: return LibreswanDialect().files
        case .markdown: return MarkdownDialect.layouts
        case .model: return []
        }
    }
}

/// Where one output file goes and which templates make it.
struct FileLayout: Sendable {
    /// The path below the output folder; `{name}` stands for the connection name, and a path
    /// without it is one file shared by all connections of the run.
    let pathPattern: String
    /// Rendered once at the top of a shared file.
    let headerTemplate: String?
    /// Rendered once per connection.
    let entryTemplate: String
    let holdsSecrets: Bool
    /// The pattern around `{name}`; `nil` for a shared file.
    private let namedPath: (prefix: String, suffix: String)?

    init(pathPattern: String, headerTemplate: String? = nil, entryTemplate: String, holdsSecrets: Bool) {
        self.pathPattern = pathPattern
        self.headerTemplate = headerTemplate
        self.entryTemplate = entryTemplate
        self.holdsSecrets = holdsSecrets
        let parts = pathPattern.split(separator: "{name}", maxSplits: 1, omittingEmptySubsequences: false)
        namedPath = parts.count == 2 ? (String(parts[0]), String(parts[1])) : nil
    }

    var isShared: Bool { namedPath == nil }

    func path(for connectionName: String) -> String {
        guard let namedPath else { return pathPattern }
        return namedPath.prefix + connectionName + namedPath.suffix
    }
}

/// A target's vocabulary: turns the peer model into the values its templates lay out.
/// Whatever the target cannot express is an error here, never a wrong line in a file.
protocol Dialect: Sendable {
    associatedtype Context: Encodable
    var files: [FileLayout] { get }
    func context(for connection: PeerConnection, diagnostics: DiagnosticCollector) throws -> Context
}

/// A configuration target that can also say, setting by setting, where each of the
/// connection's parameters lives in its files (the on-premises column of `--target markdown`).
protocol DeviceDialect: Dialect {
    /// How people call the device, e.g. "strongSwan (swanctl.conf)".
    var title: String { get }
    func settings(in context: Context) -> DeviceSettings
}

/// Each parameter of a connection as the device's own setting, e.g. `remote_addrs = 203.0.113.10`.
struct DeviceSettings: Encodable {
    var cloudAddress: String
    var ownAddress: String
    var cloudIdentity: String
    var ownIdentity: String
    var cloudSubnets: String
    var ownSubnets: String
    var ikeVersion: String
    var ikeProposal: String
    var ikeLifetime: String
    var espProposal: String
    var espLifetime: String
    var deadPeerDetection: String
    var natTraversal: String
    var presharedKey: String
}
