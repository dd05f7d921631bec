/// Alibaba's values and how genpeer reads them: one table of algorithms (tokens, names, RFC
/// strength levels) and one way to read keywords, addresses and lists, used alike by the
/// normalizer, `check` and the markdown target, so that they never disagree about a value.

/// Encryption algorithms Alibaba offers, by what they are (not by Alibaba's tokens).
public enum EncryptionAlgorithm: String, Sendable, Codable, CaseIterable {
    /// AES-CBC with a 128-bit key; Alibaba's `aes`.
    case aes128
    case aes192
    case aes256
    case des
    case tripleDES = "3des"
    /// SM4 (ShangMi gateways only).
    case sm4
}

/// Integrity (and, in IKE, PRF) algorithms Alibaba offers.
public enum IntegrityAlgorithm: String, Sendable, Codable, CaseIterable {
    case md5
    case sha1
    case sha256
    case sha384
    case sha512
    /// SM3 (ShangMi gateways only).
    case sm3
}

/// Diffie-Hellman groups Alibaba offers, named by their group.
public enum DHGroup: String, Sendable, Codable, CaseIterable {
    /// IKE group 1.
    case modp768
    /// IKE group 2.
    case modp1024
    /// IKE group 5.
    case modp1536
    /// IKE group 14.
    case modp2048
    /// IKE group 24 (2048-bit MODP with a 256-bit prime-order subgroup).
    case modp2048s256

    /// The IANA transform number ("group 14"), which most vendors' CLIs use.
    public var number: Int {
        switch self {
        case .modp768: return 1
        case .modp1024: return 2
        case .modp1536: return 5
        case .modp2048: return 14
        case .modp2048s256: return 24
        }
    }
}

/// How one algorithm stands in an RFC's table (RFC 8247 for IKE, RFC 8221 for ESP).
struct AlgorithmLevel: Sendable, Equatable {
    enum Severity: Sendable, Comparable {
        /// Worth knowing (MUST-, a legacy MAY): `check` says so, nothing more.
        case info
        /// SHOULD NOT: a warning.
        case warning
        /// MUST NOT: an error in `check`, and a refusal with `--strict`.
        case mustNot
    }

    /// The keyword as the RFC writes it (`SHOULD NOT`), or a short phrase when the RFCs do not list it.
    var keyword: String
    var reference: String
    var severity: Severity
    /// Why, in a few words, for messages.
    var why: String
}

enum AlibabaVocabulary {
    // MARK: Reading values

    /// A value as Alibaba sends it: blanks (space, tab, line feed, carriage return) trimmed;
    /// `nil` when nothing is left.
    static func text(_ value: String?) -> String? {
        guard let trimmed = value?.trimmedBlanks, !trimmed.isEmpty else { return nil }
        return trimmed
    }

    /// A keyword (`aes`, `ikev2`, `group14`): ``text(_:)`` lowercased.
    static func keyword(_ value: String?) -> String? {
        text(value)?.lowercased()
    }

    /// The items of a comma-separated list, each trimmed, blanks left out.
    static func list(_ value: String) -> [String] {
        if value.isASCII {
            // In ASCII a comma is always a character of its own: split bytes, without grapheme breaking's cost.
            return value.utf8.split(separator: UInt8(ascii: ",")).compactMap { text(String(Substring($0))) }
        }
        return value.split(separator: ",").compactMap { text(String($0)) }
    }

    /// An IPv4 address written as Alibaba writes it, blanks trimmed.
    static func address(_ value: String?) -> IPv4Address? {
        text(value).flatMap { IPv4Address($0) }
    }

    /// Whether a value looks masked the way Alibaba's documentation shows examples
    /// (`vco-bp1w3m1p23iftycv****`, `116.62.119.xxx`, `47.XX.XX.162`): copied from the docs
    /// rather than from the user's own API output.
    static func looksMasked(_ value: String?) -> Bool {
        // Nearly every value holds none of the masking characters: that is decided from its bytes.
        guard let value, value.utf8.contains(where: { $0 == UInt8(ascii: "*") || $0 | 0x20 == UInt8(ascii: "x") }),
            let text = text(value)
        else { return false }
        if text.contains("***") { return true }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4, parts.allSatisfy({ !$0.isEmpty && $0.count <= 3 }) else { return false }
        let maskCharacters: Set<Character> = ["x", "X", "*"]
        return parts.allSatisfy { $0.allSatisfy { $0.isASCIIDigit } || $0.allSatisfy(maskCharacters.contains) }
            && parts.contains { $0.allSatisfy(maskCharacters.contains) }
    }

    /// What a message adds about a masked value.
    static let maskedHint = "it looks masked, as in Alibaba's documentation examples: take the value from your own DescribeVpnConnection output (aliyun vpc DescribeVpnConnection --VpnConnectionId ...)"

    // MARK: Algorithm tokens

    static let encryption: [(token: String, algorithm: EncryptionAlgorithm)] = [
        ("aes", .aes128), ("aes192", .aes192), ("aes256", .aes256), ("des", .des), ("3des", .tripleDES), ("sm4", .sm4),
    ]
    static let integrity: [(token: String, algorithm: IntegrityAlgorithm)] = [
        ("md5", .md5), ("sha1", .sha1), ("sha256", .sha256), ("sha384", .sha384), ("sha512", .sha512), ("sm3", .sm3),
    ]
    static let groups: [(token: String, group: DHGroup)] = [
        ("group1", .modp768), ("group2", .modp1024), ("group5", .modp1536), ("group14", .modp2048), ("group24", .modp2048s256),
    ]
    /// `IpsecPfs` value meaning no PFS.
    static let pfsDisabled = "disabled"

    /// The tokens listed in "expected ..." messages: the ShangMi ones are left out, as Alibaba's
    /// own documentation does outside its China site.
    static let listedEncryption = "aes, aes192, aes256, des, 3des"
    static let listedIntegrity = "md5, sha1, sha256, sha384, sha512"
    static let listedGroups = "group1, group2, group5, group14, group24"

    static func encryption(_ keyword: String) -> EncryptionAlgorithm? { encryption.first { $0.token == keyword }?.algorithm }
    static func integrity(_ keyword: String) -> IntegrityAlgorithm? { integrity.first { $0.token == keyword }?.algorithm }
    static func group(_ keyword: String) -> DHGroup? { groups.first { $0.token == keyword }?.group }

    static func token(for algorithm: EncryptionAlgorithm) -> String { encryption.first { $0.algorithm == algorithm }!.token }
    static func token(for algorithm: IntegrityAlgorithm) -> String { integrity.first { $0.algorithm == algorithm }!.token }
    static func token(for group: DHGroup) -> String { groups.first { $0.group == group }!.token }

    /// Alibaba's tokens from weakest to strongest, per field kind; used to say which of two
    /// differing tunnels should follow the other. ShangMi tokens rank lowest: a standard peer
    /// cannot use them.
    static let encryptionRank = ["sm4", "des", "3des", "aes", "aes192", "aes256"]
    static let integrityRank = ["sm3", "md5", "sha1", "sha256", "sha384", "sha512"]
    static let groupRank = ["disabled", "group1", "group2", "group5", "group24", "group14"]

    /// The choice to ask for instead of a weak one: the strongest MUST-level value Alibaba offers.
    static let strongEncryption = "aes256"
    static let strongIntegrity = "sha256"
    static let strongGroup = "group14"
}

// MARK: - Names and RFC levels
//
// Only levels that call for action are listed: MUST NOT, SHOULD NOT, MUST- and 3DES's legacy MAY
// in IKE. MUST, SHOULD and unlisted-but-sound choices (AES-192, HMAC-SHA2-384) have none. Phase 1
// is judged by RFC 8247 also for IKEv1: IKEv1 has no current algorithm guidance of its own
// (RFC 9395 deprecates it).

extension EncryptionAlgorithm {
    /// How messages call it.
    var displayName: String {
        switch self {
        case .aes128: return "AES-CBC-128"
        case .aes192: return "AES-CBC-192"
        case .aes256: return "AES-CBC-256"
        case .des: return "DES-CBC"
        case .tripleDES: return "3DES-CBC"
        case .sm4: return "SM4"
        }
    }

    var ikeLevel: AlgorithmLevel? {
        switch self {
        // RFC 8247 §2.1: ENCR_DES is MUST NOT (56-bit key, brute-forced in hours).
        case .des: return AlgorithmLevel(keyword: "MUST NOT", reference: "RFC 8247 §2.1", severity: .mustNot, why: "its 56-bit key is broken")
        // RFC 8247 §2.1: ENCR_3DES is MAY, downgraded from MUST- (64-bit block, kept for interoperability only).
        case .tripleDES:
            return AlgorithmLevel(
                keyword: "MAY", reference: "RFC 8247 §2.1", severity: .info,
                why: "kept for interoperability only: its 64-bit block limits how much it may protect")
        // RFC 8247 §2.1: ENCR_AES_CBC is MUST (128- and 256-bit keys; 192-bit keys MAY).
        case .aes128, .aes192, .aes256: return nil
        case .sm4: return .shangMi("SM4")
        }
    }

    var espLevel: AlgorithmLevel? {
        switch self {
        // RFC 8221 §5: ENCR_DES is MUST NOT.
        case .des: return AlgorithmLevel(keyword: "MUST NOT", reference: "RFC 8221 §5", severity: .mustNot, why: "its 56-bit key is broken")
        // RFC 8221 §5: ENCR_3DES is SHOULD NOT (64-bit block: Sweet32-style collisions on busy tunnels).
        case .tripleDES:
            return AlgorithmLevel(keyword: "SHOULD NOT", reference: "RFC 8221 §5", severity: .warning, why: "its 64-bit block wears out on a busy tunnel")
        // RFC 8221 §5: ENCR_AES_CBC is MUST.
        case .aes128, .aes192, .aes256: return nil
        case .sm4: return .shangMi("SM4")
        }
    }
}

extension IntegrityAlgorithm {
    var displayName: String {
        switch self {
        case .md5: return "HMAC-MD5-96"
        case .sha1: return "HMAC-SHA1-96"
        case .sha256: return "HMAC-SHA2-256-128"
        case .sha384: return "HMAC-SHA2-384-192"
        case .sha512: return "HMAC-SHA2-512-256"
        case .sm3: return "SM3"
        }
    }

    var ikeLevel: AlgorithmLevel? {
        switch self {
        // RFC 8247 §2.2/§2.3: PRF_HMAC_MD5 and AUTH_HMAC_MD5_96 are MUST NOT.
        case .md5: return AlgorithmLevel(keyword: "MUST NOT", reference: "RFC 8247 §2.2, §2.3", severity: .mustNot, why: "MD5 is broken")
        // RFC 8247 §2.2/§2.3: PRF_HMAC_SHA1 and AUTH_HMAC_SHA1_96 are MUST- (acceptable now, expected to be downgraded).
        case .sha1:
            return AlgorithmLevel(keyword: "MUST-", reference: "RFC 8247 §2.2, §2.3", severity: .info, why: "acceptable today but expected to be downgraded")
        // RFC 8247 §2.2/§2.3: HMAC-SHA2-256 is MUST, SHA2-512 SHOULD; SHA2-384 is not listed but as strong.
        case .sha256, .sha384, .sha512: return nil
        case .sm3: return .shangMi("SM3")
        }
    }

    var espLevel: AlgorithmLevel? {
        switch self {
        // RFC 8221 §6: AUTH_HMAC_MD5_96 is MUST NOT.
        case .md5: return AlgorithmLevel(keyword: "MUST NOT", reference: "RFC 8221 §6", severity: .mustNot, why: "MD5 is broken")
        // RFC 8221 §6: AUTH_HMAC_SHA1_96 is MUST- (legacy, to be phased out).
        case .sha1: return AlgorithmLevel(keyword: "MUST-", reference: "RFC 8221 §6", severity: .info, why: "acceptable today but being phased out")
        // RFC 8221 §6: AUTH_HMAC_SHA2_256_128 is MUST, SHA2_512_256 SHOULD; SHA2_384_192 is not listed but as strong.
        case .sha256, .sha384, .sha512: return nil
        case .sm3: return .shangMi("SM3")
        }
    }
}

extension DHGroup {
    var displayName: String {
        switch self {
        case .modp768: return "768-bit MODP"
        case .modp1024: return "1024-bit MODP"
        case .modp1536: return "1536-bit MODP"
        case .modp2048: return "2048-bit MODP"
        case .modp2048s256: return "2048-bit MODP with a 256-bit prime-order subgroup"
        }
    }

    /// Phase 1's group (`IkePfs`) and phase 2's PFS group (`IpsecPfs`): RFC 8247's Type 4 list
    /// applies to every IKEv2 key exchange, the CREATE_CHILD_SA one included.
    var level: AlgorithmLevel? {
        switch self {
        // RFC 8247 §2.4: group 1 (768-bit MODP) is MUST NOT: breakable within hours.
        case .modp768: return AlgorithmLevel(keyword: "MUST NOT", reference: "RFC 8247 §2.4", severity: .mustNot, why: "it is broken within hours")
        // RFC 8247 §2.4: group 2 (1024-bit MODP) is SHOULD NOT, expected to become MUST NOT.
        case .modp1024:
            return AlgorithmLevel(keyword: "SHOULD NOT", reference: "RFC 8247 §2.4", severity: .warning, why: "it is within reach of well-funded attackers")
        // RFC 8247 §2.4: group 5 (1536-bit MODP) is SHOULD NOT: too narrow a security margin.
        case .modp1536: return AlgorithmLevel(keyword: "SHOULD NOT", reference: "RFC 8247 §2.4", severity: .warning, why: "its security margin is too narrow")
        // RFC 8247 §2.4: group 14 (2048-bit MODP) is MUST.
        case .modp2048: return nil
        // RFC 8247 §2.4: groups 22-24 (RFC 5114 MODP with small prime-order subgroups) are SHOULD NOT.
        case .modp2048s256:
            return AlgorithmLevel(keyword: "SHOULD NOT", reference: "RFC 8247 §2.4", severity: .warning, why: "its small subgroup needs checks few peers make")
        }
    }
}

extension AlgorithmLevel {
    /// SM3/SM4 have no IKEv2/ESP transform in either RFC (nor in strongSwan or Libreswan).
    static func shangMi(_ name: String) -> AlgorithmLevel {
        AlgorithmLevel(
            keyword: "not in RFC 8247 or RFC 8221", reference: "RFC 8247, RFC 8221", severity: .warning,
            why: "\(name) is a ShangMi algorithm that only peers with SM support can negotiate")
    }
}
