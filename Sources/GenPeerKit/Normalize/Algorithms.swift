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

}

/// Alibaba's tokens for algorithms, both ways.
enum AlibabaVocabulary {
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

    static func token(for group: DHGroup) -> String {
        groups.first { $0.group == group }!.token
    }
}
