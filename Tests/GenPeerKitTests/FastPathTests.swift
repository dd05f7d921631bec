import Foundation
import Testing
@testable import GenPeerKit

/// Byte-level fast paths must give exactly what the character-level code they stand in for
/// gave: CIDR blocks are compared with the general reading the parser keeps for non-ASCII
/// text; the other tests hold the earlier code as their reference.
@Suite("Fast paths agree with the plain code")
struct FastPathTests {
    @Test func addressDescriptionIsDottedDecimal() {
        for octet: UInt32 in [0, 1, 9, 10, 42, 99, 100, 109, 199, 200, 255] {
            for value in [octet << 24 | 0x00_0A_0B_0C, 0xC0_A8_00_00 | octet << 8 | octet, octet * 0x01_01_01_01] {
                let reference = "\(value >> 24).\(value >> 16 & 0xFF).\(value >> 8 & 0xFF).\(value & 0xFF)"
                #expect(IPv4Address(value).description == reference)
            }
        }
    }

    @Test func cidrParsingByBytesAgrees() {
        let texts = [
            "10.0.0.0/8", " 10.1.2.3/16 ", "10.0.0.0", "10.0.0.0/", "10.0.0.0/33", "10.0.0.0/32", "10.0.0.0/0", "10.0.0.0/07",
            "10.0.0.0/007", "10.0.0.0/1/2", "/24", "", "fe80::/64", "10.0.0.0:1/8", "10.0.0.00/8", "10.0.0.256/8", "10.0.0.0/+8",
            "10.0.0.0/-1", "10.0.0.0/ 8", "1.2.3.4/2\r\n4", "a.b.c.d/8", "10.0.0.0/８", "１0.0.0.0/8", "10.0.0.0/8\u{301}",
        ]
        for text in texts {
            let trimmed = text.trimmedBlanks
            #expect(describe(CIDRParser.parse(text)) == describe(CIDRParser.parseCharacters(trimmed)), "\(text.debugDescription)")
            if trimmed.isASCII {
                #expect(describe(CIDRParser.parseASCII(trimmed)) == describe(CIDRParser.parseCharacters(trimmed)), "\(text.debugDescription)")
            }
        }
    }

    @Test func plainKeysAndPrefixes() {
        let keys = ["abc", "0xabc", "0Xabc", "0s", "0S1", "0t", "0T", "0", "00x", "x0x", "0y", "0x", "a b", "ab\"c", "0x\u{E9}", "\u{E9}"]
        for key in keys {
            guard let psk = PresharedKey(text: key) else { continue }
            #expect(SecretEncoding.isEncoded(psk) == referenceIsEncoded(key), "\(key)")
        }
        #expect(!SecretEncoding.isEncoded(.redacted))
    }

    @Test func commentLinesReplaceLineBreakers() {
        for text in ["plain.json", "dir/with space.xml", "tab\there", "nl\nx", "del\u{7F}", "c1\u{85}", "ls\u{2028}", "é.json", ""] {
            let reference = String(String.UnicodeScalarView(text.unicodeScalars.map { scalar in
                let value = scalar.value
                let breaksLines = value < 0x20 || (0x7F...0x9F).contains(value) || value == 0x2028 || value == 0x2029
                return breaksLines ? "?" : scalar
            }))
            #expect(CommentText.line(text) == reference)
        }
    }

    // MARK: The code the fast paths stand in for

    private func describe(_ result: CIDRParser.Result?) -> String {
        switch result {
        case .network(let network, let hadHostBits)?: return "\(network) \(hadHostBits)"
        case .ipv6?: return "ipv6"
        case .invalid?: return "invalid"
        case nil: return "nil"
        }
    }

    private func referenceIsEncoded(_ secret: String) -> Bool {
        let plain = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.+=~!@%^*:,/".utf8)
        let lowercased = secret.lowercased()
        return !secret.utf8.allSatisfy(plain.contains) || ["0x", "0s", "0t"].contains(where: lowercased.hasPrefix)
    }
}

extension FastPathTests {
    @Test func safeNamesByBytes() {
        let names = ["a", "site-1", "Site_2", "-x", "_x", "", String(repeating: "a", count: 64), String(repeating: "a", count: 65),
                     "é", "aé", String(repeating: "é", count: 40), "a b", "a.b", "x\u{301}", "ａ"]
        for name in names {
            let scalars = name.unicodeScalars
            let allowed = { (scalar: Unicode.Scalar) in
                scalar.isASCII && (("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "-" || scalar == "_")
            }
            let reference = scalars.first.map { first in
                (1...64).contains(scalars.count) && scalars.allSatisfy(allowed) && first != "-" && first != "_"
            } ?? false
            #expect(ConnectionNamer.isSafe(name) == reference, "\(name)")
        }
    }
}
