/// The requirement levels of RFC 8247 (IKEv2) and RFC 8221 (ESP) for the algorithms Alibaba
/// offers, and what `check` makes of each.
///
/// Only levels that call for action become findings: MUST NOT (error), SHOULD NOT (warning),
/// MUST- and 3DES's legacy MAY in IKE (info). MUST, SHOULD and unlisted-but-sound choices
/// (AES-192, HMAC-SHA2-384) give nothing. Phase 1 is judged by RFC 8247 also for IKEv1: IKEv1 has
/// no current algorithm guidance of its own (RFC 9395 deprecates it).
enum AlgorithmLevels {
    /// How one algorithm stands in one RFC table.
    struct Level {
        /// The keyword as the RFC writes it (`SHOULD NOT`), or a short phrase when the RFCs do not list it.
        var keyword: String
        var reference: String
        /// `nil`: nothing to report.
        var severity: CheckFinding.Severity?
        /// Why, in a few words, for the message.
        var why: String
    }

    /// The choice to ask for instead: the strongest MUST-level value Alibaba offers.
    static let strongEncryption = "aes256"
    static let strongIntegrity = "sha256"
    static let strongGroup = "group14"

    // MARK: Phase 1 (IkeConfig), RFC 8247

    static func ikeEncryption(_ algorithm: EncryptionAlgorithm) -> Level? {
        switch algorithm {
        // RFC 8247 §2.1: ENCR_DES is MUST NOT (56-bit key, brute-forced in hours).
        case .des: return Level(keyword: "MUST NOT", reference: "RFC 8247 §2.1", severity: .error, why: "its 56-bit key is broken")
        // RFC 8247 §2.1: ENCR_3DES is MAY, downgraded from MUST- (64-bit block, kept for interoperability only).
        case .tripleDES: return Level(keyword: "MAY", reference: "RFC 8247 §2.1", severity: .info, why: "kept for interoperability only: its 64-bit block limits how much it may protect")
        // RFC 8247 §2.1: ENCR_AES_CBC is MUST (128- and 256-bit keys; 192-bit keys MAY).
        case .aes128, .aes192, .aes256: return nil
        case .sm4: return shangMi("SM4")
        }
    }

    static func ikeIntegrity(_ algorithm: IntegrityAlgorithm) -> Level? {
        switch algorithm {
        // RFC 8247 §2.2/§2.3: PRF_HMAC_MD5 and AUTH_HMAC_MD5_96 are MUST NOT.
        case .md5: return Level(keyword: "MUST NOT", reference: "RFC 8247 §2.2, §2.3", severity: .error, why: "MD5 is broken")
        // RFC 8247 §2.2/§2.3: PRF_HMAC_SHA1 and AUTH_HMAC_SHA1_96 are MUST- (acceptable now, expected to be downgraded).
        case .sha1: return Level(keyword: "MUST-", reference: "RFC 8247 §2.2, §2.3", severity: .info, why: "acceptable today but expected to be downgraded")
        // RFC 8247 §2.2/§2.3: HMAC-SHA2-256 is MUST, SHA2-512 SHOULD; SHA2-384 is not listed but as strong.
        case .sha256, .sha384, .sha512: return nil
        case .sm3: return shangMi("SM3")
        }
    }

    /// Phase 1's group (`IkePfs`) and phase 2's PFS group (`IpsecPfs`): RFC 8247's Type 4 list
    /// applies to every IKEv2 key exchange, the CREATE_CHILD_SA one included.
    static func group(_ group: DHGroup) -> Level? {
        switch group {
        // RFC 8247 §2.4: group 1 (768-bit MODP) is MUST NOT: breakable within hours.
        case .modp768: return Level(keyword: "MUST NOT", reference: "RFC 8247 §2.4", severity: .error, why: "it is broken within hours")
        // RFC 8247 §2.4: group 2 (1024-bit MODP) is SHOULD NOT, expected to become MUST NOT.
        case .modp1024: return Level(keyword: "SHOULD NOT", reference: "RFC 8247 §2.4", severity: .warning, why: "it is within reach of well-funded attackers")
        // RFC 8247 §2.4: group 5 (1536-bit MODP) is SHOULD NOT: too narrow a security margin.
        case .modp1536: return Level(keyword: "SHOULD NOT", reference: "RFC 8247 §2.4", severity: .warning, why: "its security margin is too narrow")
        // RFC 8247 §2.4: group 14 (2048-bit MODP) is MUST.
        case .modp2048: return nil
        // RFC 8247 §2.4: groups 22-24 (RFC 5114 MODP with small prime-order subgroups) are SHOULD NOT.
        case .modp2048s256: return Level(keyword: "SHOULD NOT", reference: "RFC 8247 §2.4", severity: .warning, why: "its small subgroup needs checks few peers make")
        }
    }

    // MARK: Phase 2 (IpsecConfig), RFC 8221

    static func espEncryption(_ algorithm: EncryptionAlgorithm) -> Level? {
        switch algorithm {
        // RFC 8221 §5: ENCR_DES is MUST NOT.
        case .des: return Level(keyword: "MUST NOT", reference: "RFC 8221 §5", severity: .error, why: "its 56-bit key is broken")
        // RFC 8221 §5: ENCR_3DES is SHOULD NOT (64-bit block: Sweet32-style collisions on busy tunnels).
        case .tripleDES: return Level(keyword: "SHOULD NOT", reference: "RFC 8221 §5", severity: .warning, why: "its 64-bit block wears out on a busy tunnel")
        // RFC 8221 §5: ENCR_AES_CBC is MUST.
        case .aes128, .aes192, .aes256: return nil
        case .sm4: return shangMi("SM4")
        }
    }

    static func espIntegrity(_ algorithm: IntegrityAlgorithm) -> Level? {
        switch algorithm {
        // RFC 8221 §6: AUTH_HMAC_MD5_96 is MUST NOT.
        case .md5: return Level(keyword: "MUST NOT", reference: "RFC 8221 §6", severity: .error, why: "MD5 is broken")
        // RFC 8221 §6: AUTH_HMAC_SHA1_96 is MUST- (legacy, to be phased out).
        case .sha1: return Level(keyword: "MUST-", reference: "RFC 8221 §6", severity: .info, why: "acceptable today but being phased out")
        // RFC 8221 §6: AUTH_HMAC_SHA2_256_128 is MUST, SHA2_512_256 SHOULD; SHA2_384_192 is not listed but as strong.
        case .sha256, .sha384, .sha512: return nil
        case .sm3: return shangMi("SM3")
        }
    }

    /// SM3/SM4 have no IKEv2/ESP transform in either RFC (nor in strongSwan or Libreswan).
    private static func shangMi(_ name: String) -> Level {
        Level(
            keyword: "not in RFC 8247 or RFC 8221", reference: "RFC 8247, RFC 8221", severity: .warning,
            why: "\(name) is a ShangMi algorithm that only peers with SM support can negotiate")
    }

    // MARK: Names and ranks

    /// How an algorithm is called in messages, after Alibaba's token.
    static func name(of algorithm: EncryptionAlgorithm) -> String {
        switch algorithm {
        case .aes128: return "AES-CBC-128"
        case .aes192: return "AES-CBC-192"
        case .aes256: return "AES-CBC-256"
        case .des: return "DES-CBC"
        case .tripleDES: return "3DES-CBC"
        case .sm4: return "SM4"
        }
    }

    static func name(of algorithm: IntegrityAlgorithm) -> String {
        switch algorithm {
        case .md5: return "HMAC-MD5-96"
        case .sha1: return "HMAC-SHA1-96"
        case .sha256: return "HMAC-SHA2-256-128"
        case .sha384: return "HMAC-SHA2-384-192"
        case .sha512: return "HMAC-SHA2-512-256"
        case .sm3: return "SM3"
        }
    }

    static func name(of group: DHGroup) -> String {
        switch group {
        case .modp768: return "768-bit MODP"
        case .modp1024: return "1024-bit MODP"
        case .modp1536: return "1536-bit MODP"
        case .modp2048: return "2048-bit MODP"
        case .modp2048s256: return "2048-bit MODP with a 256-bit prime-order subgroup"
        }
    }

    /// Alibaba's tokens from weakest to strongest, per field kind; used to say which of two
    /// differing tunnels should follow the other. ShangMi tokens rank lowest: a standard peer
    /// cannot use them.
    static let encryptionRank = ["sm4", "des", "3des", "aes", "aes192", "aes256"]
    static let integrityRank = ["sm3", "md5", "sha1", "sha256", "sha384", "sha512"]
    static let groupRank = ["disabled", "group1", "group2", "group5", "group24", "group14"]
}
