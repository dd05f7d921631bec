import Foundation

/// How a pre-shared key is written into a secrets file that strongSwan or Libreswan reads.
///
/// A key made only of characters no secrets syntax treats specially is written in double
/// quotes, readable; any other key is written as `0s` + base64, which both daemons decode to
/// the exact bytes, so quotes, `#`, `$`, `\` and braces can never change what the daemon reads.
struct SecretEncoding {
    private static let plainCharacters = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.+=~!@%^*:,/")

    /// The value to put after `secret =` / `PSK`.
    static func encode(_ key: PresharedKey) -> String {
        if key.secret.allSatisfy(plainCharacters.contains) {
            return "\"\(key.secret)\""
        }
        return "0s" + Data(key.secret.utf8).base64EncodedString()
    }

    /// Whether ``encode(_:)`` chose base64, so a template can say so in a comment.
    static func isEncoded(_ key: PresharedKey) -> Bool {
        !key.secret.allSatisfy(plainCharacters.contains)
    }
}
