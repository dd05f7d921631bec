/// Lays connections' parts out into a run's files on a ``FileSink``: a shared file is begun
/// with its header at its first entry and ended with its footer when the run finishes; a
/// connection's own file is begun and ended at once. Two connections never write one file
/// that is not shared.
struct FileSetBuilder {
    /// Shared files begun so far, in the order they were begun.
    private var shared: [(path: String, footer: String)] = []
    private var ownPaths: Set<String> = []

    mutating func add(_ parts: [Renderer.Part], into sink: inout some FileSink) throws {
        for part in parts {
            if part.layout.isShared {
                if shared.contains(where: { $0.path == part.path }) {
                    try sink.append(part.layout.framing.separator, to: part.path)
                } else {
                    shared.append((part.path, part.layout.framing.footer))
                    try sink.begin(part.path, mode: part.mode, shared: true)
                    try sink.append(part.header, to: part.path)
                }
                try sink.append(part.text, to: part.path)
            } else {
                guard ownPaths.insert(part.path).inserted else {
                    throw GenPeerError(.cannotCreate, "two connections would write \(part.path)")
                }
                try sink.begin(part.path, mode: part.mode, shared: false)
                try sink.append(part.text, to: part.path)
                try sink.end(part.path)
            }
        }
    }

    /// Ends the shared files, in the order they were begun.
    mutating func finish(into sink: inout some FileSink) throws {
        for file in shared {
            try sink.append(file.footer, to: file.path)
            try sink.end(file.path)
        }
    }
}
