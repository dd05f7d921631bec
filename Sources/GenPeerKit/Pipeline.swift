import Foundation

/// One input document: its bytes and the name diagnostics call it by.
public struct InputDocument: Sendable {
    /// The file as named on the command line (`-` for standard input).
    public var name: String
    public var data: Data

    public init(name: String, data: Data) {
        self.name = name
        self.data = data
    }
}

/// The whole pipeline for one run: parse → normalize → render, for one target.
///
/// Connections flow through one at a time; connection names are unique across every input of
/// the run. Nothing is printed: warnings go to the ``DiagnosticCollector``, failures are thrown.
public struct Generator: Sendable {
    public var reader: DocumentReader
    public var normalizer: Normalizer
    public var renderer: Renderer

    public init(target: TargetName, options: NormalizeOptions, inputFormat: InputFormat? = nil, templates: TemplateStore = TemplateStore()) throws {
        reader = DocumentReader(forcedFormat: inputFormat)
        normalizer = Normalizer(options: options)
        renderer = try Renderer(target: target, templates: templates)
    }

    /// The peer models of every connection of every input, in input order.
    public func peerConnections(_ inputs: [InputDocument], diagnostics: DiagnosticCollector) throws -> [PeerConnection] {
        var namer = ConnectionNamer()
        var peers: [PeerConnection] = []
        for input in inputs {
            for connection in try reader.read(input.data, fileName: input.name) {
                peers.append(try normalizer.normalize(connection, namer: &namer, diagnostics: diagnostics))
            }
        }
        return peers
    }

    /// Every file the run produces; nothing is written.
    public func generate(_ inputs: [InputDocument], diagnostics: DiagnosticCollector) throws -> [RenderedFile] {
        try renderer.render(peerConnections(inputs, diagnostics: diagnostics), diagnostics: diagnostics)
    }
}
