import Foundation

/// Reads a JSON document into a ``DocumentNode`` through Foundation's `JSONSerialization`.
struct JSONDocumentReader {
    var location: SourceLocation

    func read(_ data: Data) throws -> DocumentNode {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: data, options: [])
        } catch {
            throw GenPeerError(.data, "not valid JSON: \(Self.reason(of: error))", at: location)
        }
        return node(from: object)
    }

    private func node(from value: Any) -> DocumentNode {
        switch value {
        case let dictionary as [String: Any]:
            return .object(dictionary.mapValues(node(from:)))
        case let array as [Any]:
            return .array(array.map(node(from:)))
        case let string as String:
            return .string(string)
        case let number as NSNumber:
            if Self.isBoolean(number) { return .bool(number.boolValue) }
            return .number(number.stringValue)
        default:
            return .null
        }
    }

    /// JSONSerialization gives booleans as NSNumber; on Linux only their `char` type tells them
    /// apart, since it makes no other number of that type.
    private static func isBoolean(_ number: NSNumber) -> Bool {
        #if canImport(Darwin)
        return CFGetTypeID(number) == CFBooleanGetTypeID()
        #else
        return number.objCType.pointee == UInt8(ascii: "c")
        #endif
    }

    private static func reason(of error: Error) -> String {
        let nsError = error as NSError
        if let detail = nsError.userInfo[NSDebugDescriptionErrorKey] as? String { return detail }
        return nsError.localizedDescription
    }
}
