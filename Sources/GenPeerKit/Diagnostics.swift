import Foundation
import Synchronization

/// Where in the input a value came from: the file as the user named it and a field path
/// such as `VpnConnections.VpnConnection[0].IkeConfig.IkeEncAlg`.
public struct SourceLocation: Sendable, Hashable, Codable {
    /// The input file as given on the command line (`-` for standard input).
    public var file: String
    /// A dotted field path with zero-based list indexes; empty for the whole document.
    public var path: String

    public init(file: String, path: String = "") {
        self.file = file
        self.path = path
    }

    /// The location of a field below this one.
    public func appending(_ component: String) -> SourceLocation {
        guard !path.isEmpty else { return SourceLocation(file: file, path: component) }
        // Built in one allocation: the reader makes one of these per nested object it reads.
        var joined = ""
        joined.reserveCapacity(path.utf8.count + 1 + component.utf8.count)
        joined += path
        joined += "."
        joined += component
        return SourceLocation(file: file, path: joined)
    }

    /// The location of a list element below this one.
    public func indexed(_ index: Int) -> SourceLocation {
        let digits = String(index)
        var joined = ""
        joined.reserveCapacity(path.utf8.count + digits.utf8.count + 2)
        joined += path
        joined += "["
        joined += digits
        joined += "]"
        return SourceLocation(file: file, path: joined)
    }
}

/// A finding about the input or the output, collected during a run and shown once by the caller.
public struct Diagnostic: Sendable, Hashable, CustomStringConvertible {
    public enum Severity: String, Sendable {
        case warning
        case error
    }

    public var severity: Severity
    public var location: SourceLocation?
    public var message: String
    /// How many more places the same message was found at (see ``DiagnosticCollector``).
    public var repeats = 0

    public init(_ severity: Severity, _ message: String, at location: SourceLocation? = nil) {
        self.severity = severity
        self.message = message
        self.location = location
    }

    /// `FILE: FIELD: message`, leaving out what is unknown.
    public var description: String {
        var parts: [String] = []
        if let location {
            parts.append(location.file.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F } ? location.file.truncatedForMessage : location.file)
            if !location.path.isEmpty { parts.append(location.path) }
        }
        parts.append(message)
        let text = parts.joined(separator: ": ")
        return repeats == 0 ? text : "\(text) (and \(repeats) more like it)"
    }
}

/// Collects warnings during a run; the pipeline never prints.
///
/// A message repeated for many connections (the same warning at `VpnConnection[0]`, `[1]`, ...)
/// is kept once, at its first location, with the number of repeats.
public final class DiagnosticCollector: Sendable {
    /// A message's bytes decide, not its Unicode-normalized text: hashing normalizes every
    /// message that is not ASCII (`RFC 8247 §2.4`), and a run emits one per finding.
    private struct Key: Hashable {
        var severity: Diagnostic.Severity
        var message: String
        var file: String?

        static func == (lhs: Key, rhs: Key) -> Bool {
            lhs.severity == rhs.severity && lhs.message.utf8.elementsEqual(rhs.message.utf8) && lhs.file == rhs.file
        }

        func hash(into hasher: inout Hasher) {
            hasher.combine(severity)
            var message = message
            message.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
            hasher.combine(file)
        }
    }

    private struct State {
        var collected: [Diagnostic] = []
        var indexByKey: [Key: Int] = [:]
    }

    private let state = Mutex(State())

    public init() {}

    public func warn(_ message: String, at location: SourceLocation? = nil) {
        emit(Diagnostic(.warning, message, at: location))
    }

    public func emit(_ diagnostic: Diagnostic) {
        let key = Key(severity: diagnostic.severity, message: diagnostic.message, file: diagnostic.location?.file)
        state.withLock { state in
            if let index = state.indexByKey[key] {
                if state.collected[index].location != diagnostic.location { state.collected[index].repeats += 1 }
            } else {
                state.indexByKey[key] = state.collected.count
                state.collected.append(diagnostic)
            }
        }
    }

    /// Everything collected so far, in the order it was first emitted.
    public var diagnostics: [Diagnostic] {
        state.withLock { $0.collected }
    }
}

/// A failure that ends a run, with the exit status a Unix tool would use for it.
public struct GenPeerError: Error, Sendable, CustomStringConvertible {
    /// The sysexits(3) class of the failure.
    public enum Kind: Int32, Sendable {
        /// The command line was wrong (EX_USAGE).
        case usage = 64
        /// The input document is malformed or holds values genpeer cannot use (EX_DATAERR).
        case data = 65
        /// An input file could not be opened (EX_NOINPUT).
        case noInput = 66
        /// A bundled or user template is broken (EX_SOFTWARE).
        case template = 70
        /// An output file could not be created (EX_CANTCREAT).
        case cannotCreate = 73
    }

    public var kind: Kind
    public var diagnostic: Diagnostic
    /// The run's further errors, in input order: a run reports every connection's.
    public var more: [Diagnostic] = []

    public init(_ kind: Kind, _ message: String, at location: SourceLocation? = nil) {
        self.kind = kind
        self.diagnostic = Diagnostic(.error, message, at: location)
    }

    public var description: String { diagnostic.description }

    /// A data error at a field.
    static func data(_ message: String, at location: SourceLocation) -> GenPeerError {
        GenPeerError(.data, message, at: location)
    }
}
