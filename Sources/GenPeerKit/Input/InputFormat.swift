/// The syntax of an input document.
public enum InputFormat: String, Sendable, CaseIterable {
    case json
    case xml

    /// Detects the format from the first non-blank byte: `<` is XML, `{` or `[` is JSON.
    /// A UTF-8 byte-order mark before it is skipped.
    public static func detect(_ bytes: some Collection<UInt8>) -> InputFormat? {
        switch firstContentByte(bytes) {
        case UInt8(ascii: "<"): return .xml
        case UInt8(ascii: "{"), UInt8(ascii: "["): return .json
        default: return nil
        }
    }

    /// The first byte that is neither blank nor part of a leading UTF-8 byte-order mark.
    static func firstContentByte(_ bytes: some Collection<UInt8>) -> UInt8? {
        let content = bytes.starts(with: utf8ByteOrderMark) ? bytes.dropFirst(3) : bytes.dropFirst(0)
        return content.first(where: { !isBlank($0) })
    }

    static let utf8ByteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// JSON's and XML's insignificant white space: space, tab, line feed, carriage return.
    static func isBlank(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    }
}
