import Foundation

/// One input document in memory: its bytes and the name diagnostics call it by.
public struct InputDocument: Sendable {
    /// The file as named on the command line (`-` for standard input).
    public var name: String
    public var data: Data

    public init(name: String, data: Data) {
        self.name = name
        self.data = data
    }

    var source: InputSource { .bytes(name: name, data) }
}

/// The whole pipeline for one run: parse → normalize → render, for one target.
///
/// Connections stream through one at a time: each is normalized and rendered as soon as it is
/// read, and handed to a ``FileSink``, so memory does not grow with the number of connections.
/// Connection names are unique across every input of the run. Nothing is printed: warnings go
/// to the ``DiagnosticCollector``, failures are thrown, and a failure discards everything the
/// sink was given.
public struct Generator: Sendable {
    public var reader: DocumentReader
    public var normalizer: Normalizer
    public var renderer: Renderer
    /// Told the number of connections rendered so far, after each one.
    public var progress: (@Sendable (Int) -> Void)?

    public init(
        target: TargetName, options: NormalizeOptions, renderOptions: RenderOptions = RenderOptions(), inputFormat: InputFormat? = nil,
        templates: TemplateStore = TemplateStore()
    ) throws {
        reader = DocumentReader(forcedFormat: inputFormat)
        normalizer = Normalizer(options: options)
        renderer = try Renderer(target: target, templates: templates, options: renderOptions)
    }

    /// Reads every input in order and calls `body` with each connection's peer model.
    public func forEachPeer(in sources: [InputSource], diagnostics: DiagnosticCollector, _ body: (PeerConnection) throws -> Void) throws {
        var namer = ConnectionNamer(firstInterfaceId: normalizer.options.firstInterfaceId)
        for source in sources {
            try reader.readConnections(from: source) { connection in
                try body(normalizer.normalize(connection, namer: &namer, diagnostics: diagnostics))
            }
        }
    }

    /// Renders every connection of every input into `sink` and commits it; on failure the sink
    /// is discarded and the error of the first failing connection, in input order, rethrown.
    /// Rendering runs on every core; the output does not depend on it.
    public func run(_ sources: [InputSource], into sink: inout some FileSink, diagnostics: DiagnosticCollector) throws {
        var files = FileSetBuilder()
        let stages = ParallelStages(normalizer: normalizer, renderer: renderer)
        var delivered = 0
        func deliver(_ outcomes: [ParallelStages.Outcome]) throws {
            for outcome in outcomes {
                let rendered = try outcome.get()
                rendered.diagnostics.forEach(diagnostics.emit)
                try files.add(rendered.parts, into: &sink)
                delivered += 1
                progress?(delivered)
            }
        }
        do {
            do {
                for source in sources {
                    try reader.readItems(from: source) { item in
                        do { try deliver(stages.submit(item)) } catch { throw RenderingFailed(cause: error) }
                    }
                }
            } catch let failure as RenderingFailed {
                throw failure.cause
            } catch {
                // Connections read before a reading failure come first: their own errors win.
                try deliver(stages.finish())
                throw error
            }
            try deliver(stages.finish())
            try files.finish(into: &sink)
            try sink.commit()
        } catch {
            sink.discard()
            throw error
        }
    }

    /// The peer models of every connection of every input, in input order.
    public func peerConnections(_ inputs: [InputDocument], diagnostics: DiagnosticCollector) throws -> [PeerConnection] {
        var peers: [PeerConnection] = []
        try forEachPeer(in: inputs.map(\.source), diagnostics: diagnostics) { peers.append($0) }
        return peers
    }

    /// Every file the run produces, in memory; nothing is written.
    public func generate(_ inputs: [InputDocument], diagnostics: DiagnosticCollector) throws -> [RenderedFile] {
        var sink = MemorySink()
        try run(inputs.map(\.source), into: &sink, diagnostics: diagnostics)
        return sink.files
    }
}

/// Carries a normalizing or rendering error out of the reading loop untouched by the
/// reading-error path.
private struct RenderingFailed: Error {
    var cause: Error
}
