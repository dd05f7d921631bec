/// The syntax of an input document.
public enum InputFormat: String, Sendable, CaseIterable {
    case json
    case xml

    /// Detects the format from the first non-blank byte: `<` is XML, `{` or `[` is JSON.
    /// A UTF-8 byte-order mark before it is skipped.
    public static func detect(_ bytes: some Collection<UInt8>) -> InputFormat? {
        let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]
        let content = bytes.starts(with: byteOrderMark) ? bytes.dropFirst(3) : bytes.dropFirst(0)
        let blanks: Set<UInt8> = [0x20, 0x09, 0x0A, 0x0D]
        switch content.first(where: { !blanks.contains($0) }) {
        case UInt8(ascii: "<"): return .xml
        case UInt8(ascii: "{"), UInt8(ascii: "["): return .json
        default: return nil
        }
    }
}
