import Foundation
@testable import GenPeerKit

/// The inputs every vendor target is proven on (the list) and a way to render one.
enum VendorCase {
    /// IKEv1 main mode, two subnets on each side (four pairs), aes256/sha256/group14, PFS group14.
    static let ikev1Main = connectionJSON(
        top: ["LocalSubnet": "172.16.0.0/16,172.17.0.0/16", "RemoteSubnet": "10.10.0.0/16,10.20.0.0/24"],
        ike: ["IkeVersion": "ikev1", "IkeMode": "main", "IkeEncAlg": "aes256", "IkeAuthAlg": "sha256", "IkePfs": "group14", "IkeLifetime": 28800],
        ipsec: ["IpsecEncAlg": "aes256", "IpsecAuthAlg": "sha256", "IpsecPfs": "group14", "IpsecLifetime": 3600])

    /// IKEv1 aggressive mode with FQDN identities on both sides, 3des/sha1/group2 and PFS group5.
    static let ikev1AggressiveFQDN = connectionJSON(
        top: ["InternetIp": "203.0.113.10"],
        ike: [
            "IkeVersion": "ikev1", "IkeMode": "aggressive", "IkeEncAlg": "3des", "IkeAuthAlg": "sha1", "IkePfs": "group2", "IkeLifetime": 86400,
            "LocalId": "vpn.cloud.example.com", "RemoteId": "onprem.example.com",
        ],
        ipsec: ["IpsecEncAlg": "aes", "IpsecAuthAlg": "md5", "IpsecPfs": "group5", "IpsecLifetime": 1800])

    /// IKEv2 aes256/sha256/group14 with PFS disabled.
    static let ikev2NoPFS = connectionJSON(
        ike: ["IkeVersion": "ikev2", "IkeEncAlg": "aes256", "IkeAuthAlg": "sha256", "IkePfs": "group14", "IkeLifetime": 86400],
        ipsec: ["IpsecEncAlg": "aes256", "IpsecAuthAlg": "sha256", "IpsecPfs": "disabled", "IpsecLifetime": 3600])

    /// The dual-tunnel route-based IKEv2 BGP connection (slave listed first) and what it announces.
    static let dualBGP = dualConnectionJSON()
    static let announced = ["10.0.0.0/16", "10.2.0.0/24"]
    static let dualOptions = NormalizeOptions(remoteAddresses: [], localAddresses: [], announce: announced.map { IPv4Network(text: $0)! })

    /// The single-tunnel connection of `connectionJSON()` with fields replaced.
    static func with(top: [String: Any?] = [:], ike: [String: Any?] = [:], ipsec: [String: Any?] = [:]) -> String {
        connectionJSON(top: top, ike: ike, ipsec: ipsec)
    }

    /// The one file `target` writes for `json`.
    static func render(
        _ target: TargetName, _ json: String, options: NormalizeOptions = NormalizeOptions(), locals: DeviceLocalValues = DeviceLocalValues(),
        diagnostics: DiagnosticCollector = DiagnosticCollector(), name: String = "vco.json"
    ) throws -> String {
        let generator = try Generator(target: target, options: options, renderOptions: RenderOptions(deviceLocals: locals))
        let files = try generator.generate([document(json, name: name)], diagnostics: diagnostics)
        precondition(files.count == 1, "\(target) wrote \(files.count) files")
        return files[0].contents
    }

    /// The normalized model of `json`, to compare a file with.
    static func model(_ json: String, options: NormalizeOptions = NormalizeOptions()) throws -> PeerConnection {
        try peers([document(json)], options: options)[0]
    }
}
