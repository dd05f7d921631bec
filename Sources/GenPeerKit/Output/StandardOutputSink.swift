#if canImport(Glibc)
import Glibc
#endif

/// Prints a run's files on standard output once the run has succeeded, so a failing run prints
/// nothing. One file prints as it is; several print one after the other, each under a
/// `# ==> path <==` line and separated by an empty line: the shared files first, then each
/// connection's own files in input order.
public struct StandardOutputSink: FileSink {
    private var shared: [(path: String, spool: Spool)] = []
    private var own = Spool()
    private var ownPaths: (first: String?, count: Int) = (nil, 0)
    private let output: Int32

    public init(fileDescriptor: Int32 = STDOUT_FILENO) {
        output = fileDescriptor
    }

    public mutating func begin(_ path: String, mode: FileMode, shared isShared: Bool) throws {
        if isShared {
            shared.append((path, Spool()))
            return
        }
        if ownPaths.count == 0 {
            ownPaths.first = path
        } else {
            // In pieces: one string fewer to make per connection.
            try own.write("\n# ==> ")
            try own.write(path)
            try own.write(" <==\n")
        }
        ownPaths.count += 1
    }

    public mutating func append(_ text: String, to path: String) throws {
        if let entry = shared.first(where: { $0.path == path }) {
            try entry.spool.write(text)
        } else {
            try own.write(text)
        }
    }

    public mutating func end(_ path: String) throws {}

    public mutating func commit() throws {
        let several = shared.count + ownPaths.count > 1
        var printed = 0
        func printHeader(_ path: String) throws {
            var line = printed > 0 ? "\n" : ""
            if several { line += "# ==> \(path) <==\n" }
            try Spool.writeAll(Array(line.utf8)[...], to: output)
            printed += 1
        }
        for entry in shared {
            try printHeader(entry.path)
            try entry.spool.drain(to: output)
        }
        if let first = ownPaths.first {
            try printHeader(first)
            try own.drain(to: output)
        }
    }

    public mutating func discard() {
        shared = []
        own = Spool()
    }
}
