import Foundation
import Synchronization
import GenPeerKit

#if canImport(Glibc)
import Glibc
#endif

/// Prints diagnostics once, at the edge: `genpeer: warning: ...` / `genpeer: error: ...` on
/// standard error, the severity in colour only when standard error is a terminal (and
/// `NO_COLOR` is unset); `quiet` leaves warnings out.
struct Reporter {
    var quiet = false
    private let colours = Terminal.standardErrorIsColourTerminal

    init(quiet: Bool = false) {
        self.quiet = quiet
    }

    func report(_ diagnostics: [Diagnostic]) {
        for diagnostic in diagnostics where !(quiet && diagnostic.severity == .warning) {
            Terminal.writeStandardError("genpeer: \(label(diagnostic.severity)): \(diagnostic)\n")
        }
    }

    private func label(_ severity: Diagnostic.Severity) -> String {
        guard colours else { return severity.rawValue }
        let colour = severity == .error ? "31" : "33"
        return "\u{1B}[1;\(colour)m\(severity.rawValue)\u{1B}[0m"
    }
}

/// A one-line count of connections on standard error while a long run goes on, redrawn at most
/// ten times a second, and only when standard error is a terminal.
final class ProgressLine: Sendable {
    private struct State {
        var lastDrawn = DispatchTime.now()
        var drawn = false
    }

    private let enabled: Bool
    private let state = Mutex(State())

    init(enabled: Bool) {
        self.enabled = enabled && isatty(STDERR_FILENO) == 1
    }

    func update(_ count: Int) {
        guard enabled, count % 64 == 0 else { return }
        state.withLock { state in
            let now = DispatchTime.now()
            guard now.uptimeNanoseconds - state.lastDrawn.uptimeNanoseconds > 100_000_000 else { return }
            state.lastDrawn = now
            state.drawn = true
            Terminal.writeStandardError("\rgenpeer: \(count) connections")
        }
    }

    /// Erases the line, before anything else is printed.
    func clear() {
        state.withLock { state in
            if state.drawn { Terminal.writeStandardError("\r\u{1B}[K") }
            state.drawn = false
        }
    }
}

enum Terminal {
    static var standardErrorIsColourTerminal: Bool {
        let environment = ProcessInfo.processInfo.environment
        return isatty(STDERR_FILENO) == 1 && environment["NO_COLOR"] == nil && environment["TERM"] != "dumb"
    }

    static func writeStandardError(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
