import Foundation

/// `--target markdown`: a docs snippet per connection for people, not daemons: a table of both
/// sides' parameters per tunnel (the Alibaba Cloud side in the API's words, the on-premises side
/// as the `--device` config spells it), the firewall openings, and the device's whole config in
/// fenced code blocks. Secrets are redacted unless `--show-secrets` (``NormalizeOptions/redactsSecrets``).
struct MarkdownDialect: EmbeddingDialect {
    static let target = TargetName.markdown
    static let snippet = FileLayout("{name}.md", folder: target.rawValue, entry: "snippet", context: Context.self, mode: .secret)

    var layouts: [FileLayout] { [Self.snippet] }

    struct Context: Codable, Sendable {
        var header: ConnectionHeader
        var device: String
        var deviceTitle: String
        var tunnels: [Tunnel]
        var cloudAddresses: String
        var natTraversal: Bool
        var files: [EmbeddedFile]
    }

    /// One tunnel's parameters; `title` only when the connection has two.
    struct Tunnel: Codable, Sendable {
        var title: String?
        var rows: [Row]
    }

    /// One parameter: its name, the cloud's setting and the on-premises device's setting, each
    /// already a Markdown code span safe inside a table cell.
    struct Row: Codable, Sendable {
        var parameter: String
        var cloud: String
        var onPremises: String
    }

    /// One file of the device's config, fenced so that no content can close the fence.
    struct EmbeddedFile: Codable, Sendable {
        var path: String
        var holdsSecrets: Bool
        var fence: String
        var contents: String
    }

    func parts(
        for connection: PeerConnection, options: RenderOptions, diagnostics: DiagnosticCollector, device: Renderer
    ) throws -> [DialectPart] {
        guard let deviceDialect = device.dialect as? any DeviceDialect else {
            throw GenPeerError(.usage, "--device \(device.target) is not a device; use one of: \(TargetName.devices.map(\.rawValue).joined(separator: ", "))")
        }
        let files = try device.render([connection], diagnostics: diagnostics)
        let settings = try deviceDialect.settings(for: connection, options: options)
        let tunnels = zip(connection.tunnels, settings).map { tunnel, settings in
            Tunnel(
                title: connection.isDualTunnel ? TunnelLabel.text(tunnel, in: connection).capitalizedFirst : nil,
                rows: Self.rows(tunnel, in: connection, settings: settings).map {
                    Row(parameter: $0.0, cloud: MarkdownText.cell($0.1), onPremises: MarkdownText.cell($0.2))
                })
        }
        var header = ConnectionHeader(connection, notes: [])
        header.sourceFile = MarkdownText.codeSpan(header.sourceFile)
        let context = Context(
            header: header,
            device: device.target.rawValue,
            deviceTitle: deviceDialect.title,
            tunnels: tunnels,
            cloudAddresses: connection.tunnels.map(\.remote.address.description).joined(separator: " and "),
            natTraversal: connection.tunnels.allSatisfy(\.natTraversal),
            files: files.map {
                EmbeddedFile(path: $0.path, holdsSecrets: $0.holdsSecrets, fence: MarkdownText.fence(for: $0.contents), contents: $0.contents)
            })
        let showsKey = connection.tunnels.contains { !$0.presharedKey.isRedacted }
        return [DialectPart(Self.snippet, name: connection.name, context: context, mode: showsKey ? .secret : .regular)]
    }

    /// Each parameter of one tunnel: its name, as Alibaba's API and console name it, and as the device sets it.
    private static func rows(_ tunnel: PeerTunnel, in connection: PeerConnection, settings: DeviceSettings) -> [(String, String, String)] {
        let ike = tunnel.ike, esp = tunnel.esp
        // A value the document left out shows Alibaba's default, said to be one.
        func assumed(_ fields: String...) -> String {
            fields.contains(where: tunnel.assumed.contains) ? " (not in the document: Alibaba's default)" : ""
        }
        let mode = tunnel.ikeVersion == .ikev1 ? ", IkeMode = \(tunnel.ikeMode.rawValue)" : ""
        var rows = [
            ("Cloud VPN gateway address", "VPN gateway IP = \(tunnel.remote.address)", settings.cloudAddress),
            (
                "On-premises gateway address", "customer gateway IP = \(tunnel.local.address?.description ?? "this gateway's public address")",
                settings.ownAddress
            ),
            ("Cloud identity", "LocalId = \(tunnel.remote.id.description)", settings.cloudIdentity),
            ("On-premises identity", "RemoteId = \(tunnel.local.id.description)", settings.ownIdentity),
            ("Cloud subnets", "LocalSubnet = " + connection.remoteSubnets.map(\.description).joined(separator: ","), settings.cloudSubnets),
            ("On-premises subnets", "RemoteSubnet = " + connection.localSubnets.map(\.description).joined(separator: ","), settings.ownSubnets),
            ("IKE version", "IkeVersion = \(tunnel.ikeVersion.rawValue)\(mode)" + assumed("IkeVersion", "IkeMode"), settings.ikeVersion),
            (
                "Phase 1 proposal",
                "IkeEncAlg = \(AlibabaVocabulary.token(for: ike.encryption)), IkeAuthAlg = \(AlibabaVocabulary.token(for: ike.integrity)), IkePfs = \(AlibabaVocabulary.token(for: ike.dhGroup))",
                settings.ikeProposal
            ),
            ("Phase 1 lifetime", "IkeLifetime = \(ike.lifetime.seconds)" + assumed("IkeLifetime"), settings.ikeLifetime),
            (
                "Phase 2 proposal",
                "IpsecEncAlg = \(AlibabaVocabulary.token(for: esp.encryption)), IpsecAuthAlg = \(AlibabaVocabulary.token(for: esp.integrity)), IpsecPfs = "
                    + (esp.pfsGroup.map(AlibabaVocabulary.token(for:)) ?? AlibabaVocabulary.pfsDisabled),
                settings.espProposal
            ),
            ("Phase 2 lifetime", "IpsecLifetime = \(esp.lifetime.seconds)" + assumed("IpsecLifetime"), settings.espLifetime),
            ("Dead peer detection", "EnableDpd = \(tunnel.deadPeerDetection)" + assumed("EnableDpd"), settings.deadPeerDetection),
            ("NAT traversal", "EnableNatTraversal = \(tunnel.natTraversal)" + assumed("EnableNatTraversal"), settings.natTraversal),
            ("Pre-shared key", "Psk = \(tunnel.presharedKey.secret)", settings.presharedKey),
        ]
        if let interface = tunnel.interface {
            rows.append((
                "Tunnel interface", connection.isRouteBased ? "destination routing (0.0.0.0/0 both sides)" : "-",
                settings.tunnelInterface ?? "\(interface.name)"))
            rows.append(("MTU / TCP MSS", "1399 advised for traffic through the VPN gateway", "MTU \(interface.mtu), MSS \(interface.tcpMSS)"))
        }
        if let bgp = tunnel.bgp {
            rows.append((
                "BGP", "LocalAsn = \(bgp.remoteASN), LocalBgpIp = \(bgp.remoteAddress), PeerAsn = \(bgp.localASN), PeerBgpIp = \(bgp.localAddress), TunnelCidr = \(bgp.tunnelNetwork)",
                "AS \(bgp.localASN) at \(bgp.localAddress), neighbour \(bgp.remoteAddress) AS \(bgp.remoteASN)"
                    + (tunnel.role == .slave ? " (less preferred: local preference \(BGPPlan.standbyLocalPreference), own AS prepended)" : "")))
        }
        if tunnel.interface != nil && !connection.hasBGP {
            let prefixes = connection.routes.cloudPrefixes.map(\.description).joined(separator: ", ")
            rows.append((
                "Routes", "-",
                prefixes.isEmpty ? "none: pass --cloud-prefixes" : "\(prefixes) via \(tunnel.interface!.name), metric \(TunnelRouting.metric(tunnel)) while the tunnel is up"))
        }
        return rows
    }
}

/// `--target model`: the peer models as one JSON document, keys sorted so the same input gives
/// the same bytes. Each connection is encoded on its own, so the document streams.
struct ModelDialect: Dialect {
    static let layout = FileLayout(
        "model.json", folder: TargetName.model.rawValue, entry: nil, context: PeerConnection.self, mode: .secret,
        framing: (header: "{\n  \"connections\" : [\n", separator: ",\n", footer: "\n  ]\n}\n"))

    var layouts: [FileLayout] { [Self.layout] }

    func parts(for connection: PeerConnection, options: RenderOptions, diagnostics: DiagnosticCollector) throws -> [DialectPart] {
        [DialectPart(Self.layout, context: connection)]
    }

    /// A part's context as the model's JSON, indented to sit in the `connections` list.
    static func text(of context: any Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let json = String(decoding: try encoder.encode(context), as: UTF8.self)
        return json.split(separator: "\n", omittingEmptySubsequences: false).map { "    " + $0 }.joined(separator: "\n")
    }
}

extension String {
    /// The text with its first letter upper-cased: `tunnel 1` → `Tunnel 1`.
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
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
