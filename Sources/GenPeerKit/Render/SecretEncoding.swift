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
    private static let encodingPrefixes = ["0x", "0s", "0t"]

    /// The value to put after `secret =` / `PSK`.
    static func encode(_ key: PresharedKey) -> String {
        if key.isRedacted { return "\"\(key.secret)\"" }
        return isEncoded(key) ? "0s" + Data(key.secret.utf8).base64EncodedString() : "\"\(key.secret)\""
    }

    /// Whether ``encode(_:)`` writes base64, so a template can say so in a comment.
    static func isEncoded(_ key: PresharedKey) -> Bool {
        if key.isRedacted { return false }
        let lowercased = key.secret.lowercased()
        return !key.secret.utf8.allSatisfy { $0 < 128 && plainCharacters[Int($0)] } || encodingPrefixes.contains(where: lowercased.hasPrefix)
    }
}
