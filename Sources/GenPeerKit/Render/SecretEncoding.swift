import Foundation

/// How a pre-shared key is written into a secrets file that strongSwan or Libreswan reads.
///
/// A key made only of characters no secrets syntax treats specially is written in double
/// quotes, readable; any other key is written as `0s` + base64, which swanctl, stroke and
/// Libreswan all decode to the exact bytes, so quotes, `#`, `$`, `\` and braces can never change
/// what the daemon reads. A key that starts like an encoding (`0x`, `0s`, `0t`) is base64 too:
/// swanctl decodes such a prefix even inside quotes.
enum SecretEncoding {
    private static let plainCharacters: [Bool] = {
        var table = [Bool](repeating: false, count: 128)
        for byte in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.+=~!@%^*:,/".utf8 { table[Int(byte)] = true }
        return table
    }()
    /// The second bytes of the encoding prefixes `0x`, `0s` and `0t`, lowercase.
    private static let encodingPrefixLetters: [UInt8] = Array("xst".utf8)

    /// The value to put after `secret =` / `PSK`.
    static func encode(_ key: PresharedKey) -> String {
        if key.isRedacted { return "\"\(key.secret)\"" }
        return isEncoded(key) ? "0s" + Data(key.secret.utf8).base64EncodedString() : "\"\(key.secret)\""
    }

    /// Whether ``encode(_:)`` writes base64, so a template can say so in a comment.
    static func isEncoded(_ key: PresharedKey) -> Bool {
        if key.isRedacted { return false }
        let bytes = key.secret.utf8
        guard bytes.allSatisfy({ $0 < 128 && plainCharacters[Int($0)] }) else { return true }
        // A plain key is ASCII, so its prefix is read from its bytes, case folded with 0x20
        // (which maps only `X`, `S` and `T` onto `x`, `s` and `t`).
        var iterator = bytes.makeIterator()
        guard iterator.next() == UInt8(ascii: "0"), let second = iterator.next() else { return false }
        return encodingPrefixLetters.contains(second | 0x20)
    }
}
