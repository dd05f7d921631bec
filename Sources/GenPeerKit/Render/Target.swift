/// The output formats genpeer renders.
public enum TargetName: String, Sendable, CaseIterable, Codable {
    case strongswan
    case strongswanLegacy = "strongswan-legacy"
    case libreswan
    case model

    /// One line for `genpeer targets`.
    public var summary: String {
        switch self {
        case .strongswan: return "strongSwan swanctl.conf (vici), 5.8 and later: swanctl/conf.d/<name>.conf"
        case .strongswanLegacy: return "strongSwan ipsec.conf + ipsec.secrets (stroke/starter): ipsec.conf, ipsec.secrets"
        case .libreswan: return "Libreswan 4.x/5.x ipsec.conf conn + secrets: ipsec.d/<name>.conf, ipsec.d/<name>.secrets"
        case .model: return "the normalized peer model as JSON (the template context)"
        }
    }
}

/// Where one output file goes and which templates make it.
struct FileLayout: Sendable {
    /// The path below the output folder; `{name}` stands for the connection name, and a path
    /// without it is one file shared by all connections of the run.
    var pathPattern: String
    /// Rendered once at the top of a shared file.
    var headerTemplate: String?
    /// Rendered once per connection.
    var entryTemplate: String
    var holdsSecrets: Bool

    var isShared: Bool { !pathPattern.contains("{name}") }

    func path(for connectionName: String) -> String {
        pathPattern.replacingOccurrences(of: "{name}", with: connectionName)
    }
}

/// A target's vocabulary: turns the peer model into the values its templates lay out.
/// Whatever the target cannot express is an error here, never a wrong line in a file.
protocol Dialect: Sendable {
    associatedtype Context: Encodable
    var files: [FileLayout] { get }
    func context(for connection: PeerConnection, diagnostics: DiagnosticCollector) throws -> Context
}
