import Foundation

/// An IPv4 address in dotted-quad form, parsed strictly (no leading zeros, no shorthand).
public struct IPv4Address: Sendable, Hashable, Comparable, TextCodable {
    public let value: UInt32

    public init(_ value: UInt32) { self.value = value }

    public init?(text: String) { self.init(text) }

    public init?(_ text: some StringProtocol) {
        var value: UInt32 = 0
        var octets = 0
        var octet: UInt32 = 0
        var digits = 0
        var leadingZero = false
        func endOctet() -> Bool {
            guard digits > 0, octet <= 255, !(leadingZero && digits > 1) else { return false }
            value = value << 8 | octet
            octets += 1
            return true
        }
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                if digits == 0 { leadingZero = byte == UInt8(ascii: "0") }
                digits += 1
                guard digits <= 3 else { return nil }
                octet = octet * 10 + UInt32(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "."):
                guard octets < 3, endOctet() else { return nil }
                octet = 0
                digits = 0
            default:
                return nil
            }
        }
        guard octets == 3, endOctet() else { return nil }
        self.value = value
    }

    /// Dotted decimal, written byte by byte: at most 15 bytes, so the string needs no
    /// allocation of its own.
    public var description: String {
        String(unsafeUninitializedCapacity: 15) { buffer in
            var count = 0
            for shift in stride(from: 24, through: 0, by: -8) {
                let octet = Int(value >> UInt32(shift) & 0xFF)
                if shift != 24 {
                    buffer[count] = UInt8(ascii: ".")
                    count += 1
                }
                if octet >= 100 {
                    buffer[count] = UInt8(ascii: "0") + UInt8(octet / 100)
                    count += 1
                }
                if octet >= 10 {
                    buffer[count] = UInt8(ascii: "0") + UInt8(octet / 10 % 10)
                    count += 1
                }
                buffer[count] = UInt8(ascii: "0") + UInt8(octet % 10)
                count += 1
            }
            return count
        }
    }

    public static func < (lhs: IPv4Address, rhs: IPv4Address) -> Bool { lhs.value < rhs.value }

    /// The address block that keeps this address off the Internet, when it is in one: private
    /// (RFC 1918) or shared, carrier-grade NAT (RFC 6598).
    public var nonPublicRange: String? {
        let ranges: [(UInt32, Int, String)] = [
            (0x0A00_0000, 8, "a private address (RFC 1918)"), (0xAC10_0000, 12, "a private address (RFC 1918)"),
            (0xC0A8_0000, 16, "a private address (RFC 1918)"), (0x6440_0000, 10, "a shared, carrier-grade NAT address (RFC 6598)"),
        ]
        return ranges.first { IPv4Network(containing: IPv4Address($0.0), prefixLength: $0.1).contains(self) }?.2
    }

}

/// An IPv4 network in CIDR notation, always with its host bits clear.
public struct IPv4Network: Sendable, Hashable, TextCodable {
    public let address: IPv4Address
    public let prefixLength: Int

    /// The network holding `address` with the given prefix length (host bits are cleared).
    public init(containing address: IPv4Address, prefixLength: Int) {
        precondition((0...32).contains(prefixLength))
        self.prefixLength = prefixLength
        self.address = IPv4Address(address.value & Self.mask(prefixLength))
    }

    public init?(text: String) {
        guard case .network(let network, _)? = CIDRParser.parse(text) else { return nil }
        self = network
    }



    /// True for 0.0.0.0/0.
    public var isDefaultRoute: Bool { prefixLength == 0 }

    public var description: String { "\(address)/\(prefixLength)" }

    /// The network's netmask, e.g. `255.255.255.0` for a /24.
    public var netmask: IPv4Address { IPv4Address(Self.mask(prefixLength)) }

    /// The netmask inverted, as Cisco-style ACLs write it (`0.0.0.255` for a /24).
    public var wildcardMask: IPv4Address { IPv4Address(~Self.mask(prefixLength)) }

    /// The last address of the network (its broadcast address when it has more than two).
    public var lastAddress: IPv4Address { IPv4Address(address.value | ~Self.mask(prefixLength)) }

    public func contains(_ other: IPv4Address) -> Bool {
        other.value & Self.mask(prefixLength) == address.value
    }

    /// Whether the two networks share any address.
    public func overlaps(_ other: IPv4Network) -> Bool {
        contains(other.address) || other.contains(address)
    }

    private static func mask(_ prefixLength: Int) -> UInt32 {
        prefixLength == 0 ? 0 : UInt32.max << UInt32(32 - prefixLength)
    }
}

/// An address on an interface with its network's prefix length, e.g. `169.254.10.2/30`.
public struct IPv4InterfaceAddress: Sendable, Hashable, TextCodable {
    public let address: IPv4Address
    public let prefixLength: Int

    public init(address: IPv4Address, prefixLength: Int) {
        precondition((0...32).contains(prefixLength))
        self.address = address
        self.prefixLength = prefixLength
    }

    public init?(text: String) {
        let parts = text.split(separator: "/", maxSplits: 1)
        guard parts.count == 2, let address = IPv4Address(parts[0]), let length = Int(parts[1]), (0...32).contains(length) else { return nil }
        self.init(address: address, prefixLength: length)
    }

    public var network: IPv4Network { IPv4Network(containing: address, prefixLength: prefixLength) }

    public var description: String { "\(address)/\(prefixLength)" }
}

/// Parses one CIDR block as Alibaba writes it.
enum CIDRParser {
    enum Result {
        /// A network; `hadHostBits` tells that the text named an address inside it rather than the network.
        case network(IPv4Network, hadHostBits: Bool)
        case ipv6
        case invalid
    }

    static func parse(_ text: String) -> Result? {
        let trimmed = text.trimmedBlanks
        return trimmed.isASCII ? parseASCII(trimmed) : parseCharacters(trimmed)
    }

    /// Reads trimmed text character by character: the general reading, for any text.
    static func parseCharacters(_ trimmed: String) -> Result {
        if trimmed.contains(":") { return .ipv6 }
        let pieces = trimmed.split(separator: "/", omittingEmptySubsequences: false)
        guard (1...2).contains(pieces.count), let address = IPv4Address(pieces[0]) else { return .invalid }
        var prefixLength = 32
        if pieces.count == 2 {
            guard (1...2).contains(pieces[1].count), pieces[1].allSatisfy(\.isASCIIDigit),
                let length = Int(pieces[1]), (0...32).contains(length)
            else { return .invalid }
            prefixLength = length
        }
        let network = IPv4Network(containing: address, prefixLength: prefixLength)
        return .network(network, hadHostBits: network.address != address)
    }

    /// ``parseCharacters(_:)`` for ASCII text, read byte by byte without Foundation's or
    /// grapheme breaking's cost; in ASCII every character is one byte, so both readings agree.
    static func parseASCII(_ text: String) -> Result {
        let bytes = text.utf8
        if bytes.contains(UInt8(ascii: ":")) { return .ipv6 }
        let slash = bytes.firstIndex(of: UInt8(ascii: "/"))
        guard let address = IPv4Address(Substring(bytes[..<(slash ?? bytes.endIndex)])) else { return .invalid }
        var prefixLength = 32
        if let slash {
            let digits = bytes[bytes.index(after: slash)...]
            guard (1...2).contains(digits.count), digits.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) else {
                return .invalid
            }
            prefixLength = digits.reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
            guard prefixLength <= 32 else { return .invalid }
        }
        let network = IPv4Network(containing: address, prefixLength: prefixLength)
        return .network(network, hadHostBits: network.address != address)
    }
}

/// An IKE identity: an IPv4 address or a domain name (Alibaba documents no other kind).
public enum Identity: Sendable, Hashable, TextCodable {
    case ipv4(IPv4Address)
    case fqdn(String)

    /// Letters, digits, `-` and `_` in dot-separated labels, at most 100 characters in all
    /// (Alibaba's limit); nothing a config syntax could read as something else.
    public init?(text: String) {
        guard let identity = Identity.parse(text) else { return nil }
        self = identity
    }

    static func parse(_ text: String) -> Identity? {
        if let address = IPv4Address(text) { return .ipv4(address) }
        guard (1...100).contains(text.count), !text.hasPrefix("."), !text.hasSuffix("."), !text.contains(".."),
            text.unicodeScalars.allSatisfy({ $0.isASCII && (CharacterSet.alphanumerics.contains($0) || "-_.".unicodeScalars.contains($0)) }),
            text.unicodeScalars.contains(where: { CharacterSet.letters.contains($0) })
        else { return nil }
        return .fqdn(text)
    }

    public var description: String {
        switch self {
        case .ipv4(let address): return address.description
        case .fqdn(let name): return name
        }
    }

    /// Whether this is a domain name rather than an address.
    public var isFQDN: Bool { fqdnName != nil }

    /// The domain name, for a domain-name identity.
    public var fqdnName: String? { if case .fqdn(let name) = self { name } else { nil } }

}

/// A pre-shared key: 1–100 printable ASCII characters without spaces (Alibaba's rule).
/// Its description is masked so that it never reaches a message by accident.
public struct PresharedKey: Sendable, Hashable, TextCodable {
    /// The key itself; only dialects that write a secrets file read it.
    public let secret: String

    static func parse(_ text: String) -> PresharedKey? {
        guard (1...100).contains(text.unicodeScalars.count),
            text.unicodeScalars.allSatisfy({ (0x21...0x7E).contains($0.value) })
        else { return nil }
        return PresharedKey(secret: text)
    }

    private init(secret: String) { self.secret = secret }

    public init?(text: String) {
        guard let key = PresharedKey.parse(text) else { return nil }
        self = key
    }

    /// Encoded in clear: the model is the context templates render secrets from.
    public var text: String { secret }

    public var description: String { "********" }

    /// What `--redact` puts in place of every key: a marked placeholder, written as is.
    public static let redacted = PresharedKey(secret: "<redacted>")

    /// Whether this is ``redacted``, not a real key.
    public var isRedacted: Bool { self == .redacted }

}


/// A value written as one string in JSON (the model): `text` out, `init?(text:)` back in.
public protocol TextCodable: Codable, CustomStringConvertible {
    init?(text: String)
    var text: String { get }
}

extension TextCodable {
    public var text: String { description }

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let value = Self(text: text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a valid \(Self.self)")
        }
        self = value
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(text)
    }
}
