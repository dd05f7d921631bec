/// Lays connections' parts out into a run's files on a ``FileSink``: a shared file is begun
/// with its header at its first entry and ended with its footer when the run finishes; a
/// connection's own file is begun and ended at once. Two connections never write one
/// connection's file.
struct FileSetBuilder {
    let renderer: Renderer
    /// Shared files begun so far, by layout index.
    private var beganShared: Set<Int> = []
    private var ownPaths: Set<String> = []

    init(renderer: Renderer) {
        self.renderer = renderer
    }

    mutating func add(_ parts: [Renderer.Part], into sink: inout some FileSink) throws {
        for part in parts {
            let compiled = renderer.layouts[part.layoutIndex]
            if compiled.layout.isShared {
                if beganShared.insert(part.layoutIndex).inserted {
                    try sink.begin(part.path, holdsSecrets: compiled.layout.holdsSecrets, shared: true)
                    try sink.append(compiled.header, to: part.path)
                } else {
                    try sink.append(compiled.separator, to: part.path)
                }
                try sink.append(part.text, to: part.path)
            } else {
                guard ownPaths.insert(part.path).inserted else {
                    throw GenPeerError(.cannotCreate, "two connections would write \(part.path)")
                }
                try sink.begin(part.path, holdsSecrets: compiled.layout.holdsSecrets, shared: false)
                try sink.append(part.text, to: part.path)
                try sink.end(part.path)
            }
        }
    }

    /// Ends the shared files, in layout order.
    mutating func finish(into sink: inout some FileSink) throws {
        for (index, compiled) in renderer.layouts.enumerated() where beganShared.contains(index) {
            let path = compiled.layout.path(for: "")
            try sink.append(compiled.footer, to: path)
            try sink.end(path)
        }
    }
}
