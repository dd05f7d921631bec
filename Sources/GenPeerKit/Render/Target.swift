/// A target's name as the command line spells it (`strongswan`, `cisco-ios`, ...).
public struct TargetName: RawRepresentable, Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public let rawValue: String

    /// A registered target's name; `nil` for a name no target has.
    public init?(rawValue: String) {
        guard Targets.all.contains(where: { $0.name.rawValue == rawValue }) else { return nil }
        self.rawValue = rawValue
    }

    /// For the registry's own declarations.
    init(registered name: String) {
        rawValue = name
    }

    public var description: String { rawValue }

    public static func < (lhs: TargetName, rhs: TargetName) -> Bool { lhs.rawValue < rhs.rawValue }

    /// Every target, in the order `genpeer targets` lists them.
    public static var allCases: [TargetName] { Targets.all.map(\.name) }

    /// The registered target of this name.
    public var target: Target { Targets.all.first { $0.name == self }! }

    /// One line for `genpeer targets`.
    public var summary: String { target.summary }

    /// The templates this target renders through, by name (`templates/<target>/<name>.mustache`).
    public var templateNames: [String] { target.ownLayouts.flatMap { [$0.headerTemplate, $0.entryTemplate].compactMap { $0 } } }

    public static let strongswan = TargetName(registered: "strongswan")
    public static let strongswanLegacy = TargetName(registered: "strongswan-legacy")
    public static let libreswan = TargetName(registered: "libreswan")
    public static let frr = TargetName(registered: "frr")
    public static let bird = TargetName(registered: "bird")
    public static let fortigate = TargetName(registered: "fortigate")
    public static let paloalto = TargetName(registered: "paloalto")
    public static let vyos = TargetName(registered: "vyos")
    public static let huawei = TargetName(registered: "huawei")
    public static let h3c = TargetName(registered: "h3c")
    public static let mikrotik = TargetName(registered: "mikrotik")
    public static let markdown = TargetName(registered: "markdown")
    public static let model = TargetName(registered: "model")
    public static let ciscoIOS = TargetName(registered: "cisco-ios")
    public static let ciscoASA = TargetName(registered: "cisco-asa")
    public static let juniperSRX = TargetName(registered: "juniper-srx")

    /// The targets that configure a device, which `--target markdown --device` can show and `check` judges.
    public static var devices: [TargetName] { Targets.all.filter(\.isDevice).map(\.name) }
}

/// One output target: its name, what it is for, the platforms it was written for, and the
/// dialect that speaks its vocabulary. Declared once, in ``Targets/all``.
public struct Target: Sendable {
    public let name: TargetName
    /// One line for `genpeer targets`.
    public let summary: String
    /// The platforms and versions the output was written for.
    public let platforms: String
    let dialect: any Dialect

    /// Whether the target configures a device (not the model, a document or a routing daemon alone).
    public var isDevice: Bool { dialect is any DeviceDialect }

    /// The files of this target whose templates live in its own folder.
    var ownLayouts: [FileLayout] { dialect.layouts.filter { $0.templateFolder == name.rawValue } }
}

/// The registry: every target genpeer renders. A new target is a dialect, a templates folder
/// and one entry here.
public enum Targets {
    public static let all: [Target] = [
        Target(
            name: .strongswan, summary: "strongSwan swanctl.conf (vici), with XFRM interfaces and host setup for route-based, dual-tunnel and BGP connections",
            platforms: "strongSwan 5.8 and later (swanctl), Linux 4.19+", dialect: StrongSwanDialect()),
        Target(
            name: .strongswanLegacy, summary: "strongSwan ipsec.conf conns + ipsec.secrets entries as ipsec.d/ drop-ins (stroke/starter), policy-based single-tunnel connections",
            platforms: "strongSwan 5.x with the stroke plugin", dialect: StrongSwanLegacyDialect()),
        Target(
            name: .libreswan, summary: "Libreswan ipsec.conf conn + secrets, with XFRM interfaces (ipsec-interface=) for route-based, dual-tunnel and BGP",
            platforms: "Libreswan 4.x and 5.x", dialect: LibreswanDialect()),
        Target(
            name: .frr, summary: "FRR frr.conf: the eBGP sessions to the cloud over each tunnel",
            platforms: "FRR 8.x (Debian 12: 8.4)", dialect: FRRDialect()),
        Target(
            name: .bird, summary: "BIRD 2 bird.conf: the eBGP sessions to the cloud over each tunnel",
            platforms: "BIRD 2.0 (Debian 12: 2.0.12)", dialect: BIRDDialect()),
        Target(
            name: .ciscoIOS, summary: "Cisco IOS / IOS-XE CLI: crypto map with a wildcard ACL (policy-based), VTIs with BGP or static routes (route-based)",
            platforms: "IOS 15.x, IOS-XE 16.x and 17.x (ISR, CSR1000v, Catalyst 8000)", dialect: CiscoIOSDialect()),
        Target(
            name: .ciscoASA, summary: "Cisco ASA CLI: crypto map with NAT exemption (policy-based), VTIs with BGP or static routes (route-based)",
            platforms: "ASA 9.16 and later (VTIs from 9.8(1))", dialect: CiscoASADialect()),
        Target(
            name: .juniperSRX, summary: "Juniper SRX set commands: st0 route-based VPNs (traffic selectors for policy-based), zones, security policies, BGP or static routes",
            platforms: "Junos OS 15.1X49-D100 and later on SRX (SHA-384/512 in IPsec: 23.2R1 and later)", dialect: JuniperSRXDialect()),
        Target(
            name: .fortigate, summary: "FortiGate FortiOS CLI: interface-mode phase 1/phase 2, routes, firewall policies, BGP with route maps",
            platforms: "FortiOS 6.2 to 7.6", dialect: FortiGateDialect()),
        Target(
            name: .paloalto, summary: "PAN-OS set commands: crypto profiles, IKE gateways, tunnel interfaces with proxy-IDs, zone and security rules, legacy virtual-router routes and BGP",
            platforms: "PAN-OS 10.1 and later (legacy routing engine)", dialect: PaloAltoDialect()),
        Target(
            name: .vyos, summary: "VyOS set commands: IKE/ESP groups and site-to-site peers, VTI bindings, static routes or BGP with route maps",
            platforms: "VyOS 1.4 (sagitta) and later", dialect: VyOSDialect()),
        Target(
            name: .huawei, summary: "Huawei VRP system-view commands: IKE/IPsec with an ACL per subnet pair, or IPsec tunnel interfaces with static routes or BGP",
            platforms: "Huawei AR routers, VRP5 V200R008 and later (USG differences noted)", dialect: HuaweiDialect()),
        Target(
            name: .h3c, summary: "H3C Comware 7 system-view commands: IKE/IKEv2 profiles, ACL per subnet pair or IPsec tunnel interfaces, static routes or BGP",
            platforms: "H3C Comware 7 (MSR routers, SecPath)", dialect: H3CDialect()),
        Target(
            name: .mikrotik, summary: "MikroTik RouterOS 7 script (.rsc): IPsec peer, identity and one policy per subnet pair; BGP over a bridge address with a failover script",
            platforms: "MikroTik RouterOS 7 (BGP part: 7.20 and later)", dialect: MikroTikDialect()),
        Target(
            name: .markdown, summary: "a docs snippet per connection: both sides' parameters, the --device config, firewall ports",
            platforms: "Markdown (CommonMark, GitHub tables)", dialect: MarkdownDialect()),
        Target(
            name: .model, summary: "the normalized peer model as JSON (the template context)",
            platforms: "JSON", dialect: ModelDialect()),
    ]
}

extension Targets {
    /// Every template some target renders through, as (folder, name), each once, in the order
    /// of the registry: a target's own folder, then folders it shares (`linux-host`, a routing
    /// daemon's).
    public static var templates: [(folder: String, name: String)] {
        var seen: Set<String> = []
        return all.flatMap { target in
            target.dialect.layouts.flatMap { layout in
                [layout.headerTemplate, layout.entryTemplate].compactMap { $0 }.map { (layout.templateFolder, $0) }
            }
        }.filter { seen.insert("\($0.0)/\($0.1)").inserted }
    }
}

/// One kind of output file a target writes and the templates that make it.
struct FileLayout: Sendable {
    /// Where it goes below the output folder, as documented: `{name}` stands for the connection's
    /// name, `{interface}` for a tunnel interface's. A path without either is one file shared by
    /// all connections of the run.
    let pathPattern: String
    /// The templates folder (`templates/<folder>/`) that holds the templates: the target's own,
    /// a routing daemon's (a device target writes its file beside its own), or `linux-host` for
    /// the tunnel interfaces' host setup that the Linux targets share.
    let templateFolder: String
    /// Rendered once at the top of a shared file.
    let headerTemplate: String?
    /// Rendered once per part; `nil` for a part that is its own text (the model's JSON).
    let entryTemplate: String?
    let mode: FileMode
    /// Literal text framing a shared file's entries (the model's JSON list).
    let framing: (header: String, separator: String, footer: String)
    /// What the entry template sees: the names a template may use are read off this type.
    let context: any Decodable.Type

    init(
        _ pathPattern: String, folder: String, header: String? = nil, entry: String?, context: any Decodable.Type, mode: FileMode = .regular,
        framing: (header: String, separator: String, footer: String) = ("", "", "")
    ) {
        self.pathPattern = pathPattern
        self.templateFolder = folder
        self.headerTemplate = header
        self.entryTemplate = entry
        self.context = context
        self.mode = mode
        self.framing = framing
    }

    // The standard library's searches, not Foundation's: these run for every file of every
    // connection, and Foundation's bridge through CFString.
    var isShared: Bool { !pathPattern.utf8.contains(UInt8(ascii: "{")) }

    /// The path with its placeholders filled in.
    func path(name: String = "", interface: String = "") -> String {
        pathPattern.replacing("{name}", with: name).replacing("{interface}", with: interface)
    }
}

/// One connection's contribution to one file: the layout, the file's path and what its entry
/// template renders.
struct DialectPart: Sendable {
    var layout: FileLayout
    var path: String
    var context: any Encodable & Sendable
    /// The file's mode when this part decides it (a snippet that shows no key is not secret).
    var mode: FileMode

    init(_ layout: FileLayout, name: String = "", interface: String = "", context: any Encodable & Sendable, mode: FileMode? = nil) {
        self.layout = layout
        path = layout.path(name: name, interface: interface)
        self.context = context
        self.mode = mode ?? layout.mode
    }
}

/// What the user tells the render stage beyond the model.
public struct RenderOptions: Sendable {
    /// The routing daemon whose configuration a device target writes beside its own for BGP connections.
    public var routing: RoutingDaemon
    /// For `markdown`: the device whose configuration the snippet shows.
    public var device: TargetName
    /// Interface names, zones and numbers only the device knows.
    public var deviceLocals: DeviceLocalValues

    public init(routing: RoutingDaemon = .frr, device: TargetName = .strongswan, deviceLocals: DeviceLocalValues = DeviceLocalValues()) {
        self.routing = routing
        self.device = device
        self.deviceLocals = deviceLocals
    }
}

/// The routing daemon that runs BGP with the cloud beside a Linux IPsec daemon (`--routing`).
public enum RoutingDaemon: String, Sendable, CaseIterable, Codable {
    case frr
    case bird
    case none

    var target: TargetName? {
        switch self {
        case .frr: return .frr
        case .bird: return .bird
        case .none: return nil
        }
    }
}

/// A target's vocabulary: turns the peer model into the parts of its files and what each part's
/// template lays out. Whatever the target cannot express is an error here, never a wrong line
/// in a file.
protocol Dialect: Sendable {
    /// Every kind of file the target can write.
    var layouts: [FileLayout] { get }
    func parts(for connection: PeerConnection, options: RenderOptions, diagnostics: DiagnosticCollector) throws -> [DialectPart]
}

/// A target that shows another target's files: `markdown` embeds its `--device`'s configuration.
protocol EmbeddingDialect: Dialect {
    func parts(for connection: PeerConnection, options: RenderOptions, diagnostics: DiagnosticCollector, device: Renderer) throws -> [DialectPart]
}

extension EmbeddingDialect {
    func parts(for connection: PeerConnection, options: RenderOptions, diagnostics: DiagnosticCollector) throws -> [DialectPart] {
        preconditionFailure("\(Self.self) renders with its device's renderer")
    }
}

/// A configuration target that can also say, tunnel by tunnel, where each of the connection's
/// parameters lives in its files (the on-premises column of `--target markdown`).
protocol DeviceDialect: Dialect {
    /// How people call the device, e.g. "strongSwan (swanctl.conf)".
    var title: String { get }
    func settings(for connection: PeerConnection, options: RenderOptions) throws -> [DeviceSettings]
}

/// Each parameter of one tunnel as the device's own setting, e.g. `remote_addrs = 203.0.113.10`.
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
    /// The tunnel interface and its inside address, when the tunnel has one.
    var tunnelInterface: String?
    /// The BGP session, when the tunnel runs one.
    var bgp: String?
}
