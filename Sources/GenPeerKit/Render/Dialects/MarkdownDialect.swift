/// `--target markdown`: a docs snippet per connection for people, not daemons: a table of both
/// sides' parameters (the Alibaba Cloud side in the API's words, the on-premises side as the
/// `--device` config spells it), the firewall openings, and the device's whole config in fenced
/// code blocks. Secrets are redacted unless `--show-secrets` (``Generator/redactsSecrets``).
struct MarkdownDialect: Dialect {
    static let layouts = [FileLayout(pathPattern: "{name}.md", entryTemplate: "snippet", holdsSecrets: true)]

    var files: [FileLayout] { Self.layouts }

    /// The device whose settings and files the snippet shows.
    let device: TargetName
    let deviceTitle: String
    let deviceSettings: @Sendable (PeerConnection, DiagnosticCollector) throws -> DeviceSettings
    let deviceRenderer: Renderer

    struct Context: Codable {
        var name: String
        var vpnConnectionId: String?
        var sourceFile: String
        var device: String
        var deviceTitle: String
        var rows: [Row]
        var cloudAddress: String
        var natTraversal: Bool
        var files: [EmbeddedFile]
    }

    /// One parameter: its name, the cloud's setting and the on-premises device's setting, each
    /// already a Markdown code span safe inside a table cell.
    struct Row: Codable {
        var parameter: String
        var cloud: String
        var onPremises: String
    }

    /// One file of the device's config, fenced so that no content can close the fence.
    struct EmbeddedFile: Codable {
        var path: String
        var holdsSecrets: Bool
        var fence: String
        var contents: String
    }

    init<Device: DeviceDialect>(device: TargetName, dialect: Device, renderer: Renderer) {
        self.device = device
        deviceTitle = dialect.title
        deviceSettings = { try dialect.settings(in: dialect.context(for: $0, diagnostics: $1)) }
        deviceRenderer = renderer
    }

    func context(for connection: PeerConnection, diagnostics: DiagnosticCollector) throws -> Context {
        let settings = try deviceSettings(connection, diagnostics)
        let files = try deviceRenderer.render([connection], diagnostics: diagnostics)
        let cloud = Self.cloudSettings(connection)
        let pairs: [(String, String, String)] = [
            ("Cloud VPN gateway address", cloud.address, settings.cloudAddress),
            ("On-premises gateway address", cloud.customerGateway, settings.ownAddress),
            ("Cloud identity", cloud.localId, settings.cloudIdentity),
            ("On-premises identity", cloud.remoteId, settings.ownIdentity),
            ("Cloud subnets", cloud.localSubnet, settings.cloudSubnets),
            ("On-premises subnets", cloud.remoteSubnet, settings.ownSubnets),
            ("IKE version", cloud.ikeVersion, settings.ikeVersion),
            ("Phase 1 proposal", cloud.ikeProposal, settings.ikeProposal),
            ("Phase 1 lifetime", cloud.ikeLifetime, settings.ikeLifetime),
            ("Phase 2 proposal", cloud.espProposal, settings.espProposal),
            ("Phase 2 lifetime", cloud.espLifetime, settings.espLifetime),
            ("Dead peer detection", cloud.deadPeerDetection, settings.deadPeerDetection),
            ("NAT traversal", cloud.natTraversal, settings.natTraversal),
            ("Pre-shared key", cloud.presharedKey, settings.presharedKey),
        ]
        return Context(
            name: connection.name,
            vpnConnectionId: connection.vpnConnectionId,
            sourceFile: MarkdownText.codeSpan(CommentText.line(connection.source.file)),
            device: device.rawValue,
            deviceTitle: deviceTitle,
            rows: pairs.map { Row(parameter: $0.0, cloud: MarkdownText.cell($0.1), onPremises: MarkdownText.cell($0.2)) },
            cloudAddress: connection.remote.address?.description ?? "the cloud VPN gateway",
            natTraversal: connection.natTraversal,
            files: files.map { EmbeddedFile(path: $0.path, holdsSecrets: $0.holdsSecrets, fence: MarkdownText.fence(for: $0.contents), contents: $0.contents) })
    }

    /// The connection as Alibaba's API and console name its settings.
    private static func cloudSettings(_ connection: PeerConnection) -> (
        address: String, customerGateway: String, localId: String, remoteId: String, localSubnet: String, remoteSubnet: String,
        ikeVersion: String, ikeProposal: String, ikeLifetime: String, espProposal: String, espLifetime: String,
        deadPeerDetection: String, natTraversal: String, presharedKey: String
    ) {
        let ike = connection.ike, esp = connection.esp
        func encryption(_ algorithm: EncryptionAlgorithm) -> String { AlibabaVocabulary.encryption.first { $0.algorithm == algorithm }!.token }
        func integrity(_ algorithm: IntegrityAlgorithm) -> String { AlibabaVocabulary.integrity.first { $0.algorithm == algorithm }!.token }
        let mode = connection.ikeVersion == .ikev1 ? ", IkeMode = \(connection.ikeMode.rawValue)" : ""
        return (
            address: "VPN gateway IP = \(connection.remote.address?.description ?? "?")",
            customerGateway: "customer gateway IP = \(connection.local.address?.description ?? "this gateway's public address")",
            localId: "LocalId = \(connection.remote.id.description)",
            remoteId: "RemoteId = \(connection.local.id.description)",
            localSubnet: "LocalSubnet = " + connection.remote.subnets.map(\.description).joined(separator: ","),
            remoteSubnet: "RemoteSubnet = " + connection.local.subnets.map(\.description).joined(separator: ","),
            ikeVersion: "IkeVersion = \(connection.ikeVersion.rawValue)\(mode)",
            ikeProposal: "IkeEncAlg = \(encryption(ike.encryption)), IkeAuthAlg = \(integrity(ike.integrity)), IkePfs = \(AlibabaVocabulary.token(for: ike.dhGroup))",
            ikeLifetime: "IkeLifetime = \(ike.lifetime.seconds)",
            espProposal: "IpsecEncAlg = \(encryption(esp.encryption)), IpsecAuthAlg = \(integrity(esp.integrity)), IpsecPfs = "
                + (esp.pfsGroup.map(AlibabaVocabulary.token(for:)) ?? AlibabaVocabulary.pfsDisabled),
            espLifetime: "IpsecLifetime = \(esp.lifetime.seconds)",
            deadPeerDetection: "EnableDpd = \(connection.deadPeerDetection)",
            natTraversal: "EnableNatTraversal = \(connection.natTraversal)",
            presharedKey: "Psk = \(connection.presharedKey.secret)")
    }
}

/// Markdown spans and fences that hold any text literally.
enum MarkdownText {
    /// A table cell showing `text` literally: a code span with `|` escaped (as GitHub-flavoured
    /// tables require even inside code), or, when the text holds a backtick, which not every
    /// Markdown reader handles inside a code span, plain text with all punctuation escaped.
    static func cell(_ text: String) -> String {
        guard text.contains("`") else { return codeSpan(text).replacingOccurrences(of: "|", with: "\\|") }
        return String(text.unicodeScalars.flatMap { scalar -> [Character] in
            scalar.isASCII && scalar.properties.isPunctuationOrSymbol ? ["\\", Character(scalar)] : [Character(scalar)]
        })
    }

    static func codeSpan(_ text: String) -> String {
        let ticks = String(repeating: "`", count: longestBacktickRun(text) + 1)
        let padded = text.hasPrefix("`") || text.hasSuffix("`") ? " \(text) " : text
        return ticks + padded + ticks
    }

    /// A code fence longer than any run of backticks in `text` (and at least three).
    static func fence(for text: String) -> String {
        String(repeating: "`", count: max(3, longestBacktickRun(text) + 1))
    }

    private static func longestBacktickRun(_ text: String) -> Int {
        var longest = 0, current = 0
        for character in text.utf8 {
            current = character == UInt8(ascii: "`") ? current + 1 : 0
            longest = max(longest, current)
        }
        return longest
    }
}

extension Unicode.Scalar.Properties {
    /// ASCII punctuation and symbols: what CommonMark lets a backslash escape.
    fileprivate var isPunctuationOrSymbol: Bool {
        switch generalCategory {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation, .initialPunctuation, .finalPunctuation,
            .otherPunctuation, .mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol:
            return true
        default:
            return false
        }
    }
}
