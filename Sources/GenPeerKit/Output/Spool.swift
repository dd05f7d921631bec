import CSystem
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Bytes held back until a run succeeds: in memory up to ``memoryLimit``, beyond that in an
/// unnamed temporary file (mode 0600, unlinked at once), so a large run's memory stays flat.
final class Spool {
    static let memoryLimit = 8 << 20

    private var memory: [UInt8] = []
    private var descriptor: Int32?

    deinit {
        if let descriptor { close(descriptor) }
    }

    func write(_ text: String) throws {
        memory.append(contentsOf: text.utf8)
        if memory.count >= Self.memoryLimit { try spill() }
    }

    /// Writes everything held to `output`.
    func drain(to output: Int32) throws {
        if let descriptor {
            try spill()
            guard lseek(descriptor, 0, SEEK_SET) == 0 else { throw Self.failure("cannot read back the spooled output") }
            var buffer = [UInt8](repeating: 0, count: 1 << 16)
            while true {
                let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
                if count < 0 && errno == EINTR { continue }
                if count < 0 { throw Self.failure("cannot read back the spooled output") }
                if count == 0 { break }
                try Self.writeAll(buffer[..<count], to: output)
            }
        } else {
            try Self.writeAll(memory[...], to: output)
        }
        memory = []
    }

    private func spill() throws {
        if descriptor == nil {
            let directory = ProcessInfo.processInfo.environment["TMPDIR"] ?? "/tmp"
            var template = Array("\(directory)/genpeer-spool-XXXXXX".utf8CString)
            let created = template.withUnsafeMutableBufferPointer { genpeer_mkstemp_cloexec($0.baseAddress!) }
            guard created >= 0 else { throw Self.failure("cannot create a spool file in \(directory)") }
            template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
            fchmod(created, 0o600)
            descriptor = created
        }
        try Self.writeAll(memory[...], to: descriptor!)
        memory.removeAll(keepingCapacity: true)
    }

    static func writeAll(_ bytes: ArraySlice<UInt8>, to output: Int32) throws {
        var remaining = bytes
        while !remaining.isEmpty {
            let count = remaining.withUnsafeBytes { Glibc.write(output, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw failure("cannot write the output")
            }
            remaining = remaining.dropFirst(count)
        }
    }

    private static func failure(_ what: String) -> GenPeerError {
        GenPeerError(.cannotCreate, "\(what): \(String(cString: strerror(errno)))")
    }
}
