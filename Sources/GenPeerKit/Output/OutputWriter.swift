import Foundation

import Glibc

/// Writes a run's files: to one text stream, or into a folder laid out like /etc.
public struct OutputWriter: Sendable {
    public init() {}

    /// The text for standard output. One file prints as it is; several print one after the
    /// other, each under a `# ==> path <==` comment line.
    public func text(for files: [RenderedFile]) -> String {
        guard files.count > 1 else { return files.first?.contents ?? "" }
        return files.map { "# ==> \($0.path) <==\n\($0.contents)" }.joined(separator: "\n")
    }

    /// Writes every file below `directory`, all or nothing: each goes to a temporary name beside
    /// its destination (created with its final mode, 0600 for secrets), and only when all are
    /// written are they renamed into place. An existing file is replaced only with `force`.
    public func write(_ files: [RenderedFile], to directory: URL, force: Bool) throws {
        let destinations = files.map { directory.appendingPathComponent($0.path) }
        if !force {
            for destination in destinations where FileManager.default.fileExists(atPath: destination.path) {
                throw GenPeerError(.cannotCreate, "\(destination.path) exists; use --force to replace it")
            }
        }
        var staged: [(temporary: URL, destination: URL)] = []
        do {
            for (file, destination) in zip(files, destinations) {
                try createDirectory(destination.deletingLastPathComponent())
                let temporary = try stage(file, beside: destination)
                staged.append((temporary, destination))
            }
        } catch {
            for entry in staged { unlink(entry.temporary.path) }
            throw error
        }
        for (index, entry) in staged.enumerated() where rename(entry.temporary.path, entry.destination.path) != 0 {
            let reason = String(cString: strerror(errno))
            for remaining in staged[index...] { unlink(remaining.temporary.path) }
            throw GenPeerError(.cannotCreate, "cannot move \(entry.destination.lastPathComponent) into place: \(reason)")
        }
    }

    private func createDirectory(_ url: URL) throws {
        do {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
        } catch {
            throw GenPeerError(.cannotCreate, "cannot create \(url.path): \(error.localizedDescription)")
        }
    }

    /// Writes `file` to a new temporary file beside `destination` and returns its URL.
    private func stage(_ file: RenderedFile, beside destination: URL) throws -> URL {
        let mode: mode_t = file.holdsSecrets ? 0o600 : 0o644
        let directory = destination.deletingLastPathComponent()
        var attempt = 0
        while true {
            let temporary = directory.appendingPathComponent(".\(destination.lastPathComponent).genpeer-\(getpid())-\(attempt)")
            let descriptor = open(temporary.path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode)
            if descriptor < 0 {
                if errno == EEXIST && attempt < 100 {
                    attempt += 1
                    continue
                }
                throw GenPeerError(.cannotCreate, "cannot create a file in \(directory.path): \(String(cString: strerror(errno)))")
            }
            defer { close(descriptor) }
            let bytes = Array(file.contents.utf8)
            var written = 0
            while written < bytes.count {
                let result = bytes[written...].withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
                if result < 0 {
                    if errno == EINTR { continue }
                    let reason = String(cString: strerror(errno))
                    unlink(temporary.path)
                    throw GenPeerError(.cannotCreate, "cannot write \(destination.path): \(reason)")
                }
                written += result
            }
            // The umask may have narrowed the mode; the file gets exactly the one asked for.
            guard fchmod(descriptor, mode) == 0, fsync(descriptor) == 0 else {
                let reason = String(cString: strerror(errno))
                unlink(temporary.path)
                throw GenPeerError(.cannotCreate, "cannot write \(destination.path): \(reason)")
            }
            return temporary
        }
    }
}
