import Foundation
import Synchronization

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

/// The one composition of the stages that every caller uses — generating, checking, the
/// library's model API: every input is read in order, each connection goes through the
/// ``ParallelStages`` given, and each outcome is handed on in input order. A source that cannot
/// be read yields its error after the connections read from it, and the run goes on with the
/// next source, so one run reports every problem.
struct Pipeline<Prepared: Sendable, Sequenced: Sendable, Output: Sendable> {
    var reader: DocumentReader
    var stages: ParallelStages<Prepared, Sequenced, Output>.Stages
    /// Where what reading finds about a document as a whole goes (a page of a longer list).
    var diagnostics: DiagnosticCollector

    func run(_ sources: [InputSource], deliver: (Result<Output, any Error>) throws -> Void) throws {
        let parallel = ParallelStages(stages)
        for source in sources {
            do {
                try reader.readItems(from: source, diagnostics: diagnostics) { item in
                    for outcome in parallel.submit(item) {
                        do { try deliver(outcome) } catch { throw Delivered(cause: error) }
                    }
                }
            } catch let failure as Delivered {
                throw failure.cause
            } catch {
                // Connections read before a reading failure come first.
                for outcome in parallel.finish() { try deliver(outcome) }
                try deliver(.failure(error))
            }
        }
        for outcome in parallel.finish() { try deliver(outcome) }
    }

    /// An error thrown by `deliver`, carried out of the reading loop untouched.
    struct Delivered: Error {
        var cause: any Error
    }
}

/// The whole pipeline for one run: parse → normalize → render, for one target.
///
/// Connections stream through: each is checked, normalized and rendered as soon as it is
/// read, and handed to a ``FileSink``, so memory does not grow with the number of connections.
/// Connection names are unique across every input of the run. Nothing is printed: warnings go
/// to the ``DiagnosticCollector``, failures are thrown; a failure discards everything the sink
/// was given, and the error thrown carries every connection's errors, in input order.
public struct Generator: Sendable {
    public var reader: DocumentReader
    public var normalizer: Normalizer
    public var renderer: Renderer
    /// Whether what RFC 8247/8221 mark MUST NOT (e.g. DES, MD5, group 1) is an error rather than a warning.
    public var strict: Bool
    /// Told the number of connections rendered so far, after each one.
    public var progress: (@Sendable (Int) -> Void)?

    public init(
        target: TargetName, options: NormalizeOptions, renderOptions: RenderOptions = RenderOptions(), inputFormat: InputFormat? = nil,
        templates: TemplateStore = TemplateStore(), strict: Bool = false
    ) throws {
        reader = DocumentReader(forcedFormat: inputFormat)
        normalizer = Normalizer(options: options)
        renderer = try Renderer(target: target, templates: templates, options: renderOptions)
        self.strict = strict
    }

    /// A connection after the parallel work: its model and what was said about it.
    struct Normalized: Sendable {
        var unnamed: Normalizer.UnnamedPeer
        var diagnostics: DiagnosticCollector
    }

    /// A connection after sequencing: named, or left out as a repeat of one before it.
    struct Sequenced: Sendable {
        var peer: PeerConnection?
        var diagnostics: DiagnosticCollector
    }

    /// A connection's parts of the run's files.
    struct Rendered: Sendable {
        var parts: [Renderer.Part]
        var diagnostics: DiagnosticCollector
    }

    /// Decoded, checked (the check's findings become warnings, or errors with ``strict``) and normalized.
    private func prepare(_ item: ReadItem) throws -> Normalized {
        let facts = PeerFacts(try item.decoded())
        let diagnostics = DiagnosticCollector()
        for finding in CheckRules(options: normalizer.options).findings(facts) where finding.severity != .info {
            let message = finding.message + (finding.suggestion.map { "; ask for \($0)" } ?? "")
            if strict && finding.severity == .error {
                throw GenPeerError(.data, message + " (refused by --strict)", at: finding.location)
            }
            diagnostics.warn(message, at: finding.location)
        }
        return Normalized(unnamed: try normalizer.normalizeUnnamed(facts, diagnostics: diagnostics), diagnostics: diagnostics)
    }

    private func stages(registry: RunRegistry) -> ParallelStages<Normalized, Sequenced, Sequenced>.Stages {
        .init(
            prepare: prepare,
            sequence: { normalized in
                var unnamed = normalized.unnamed
                guard try registry.admit(&unnamed, diagnostics: normalized.diagnostics) else {
                    return Sequenced(peer: nil, diagnostics: normalized.diagnostics)
                }
                return Sequenced(peer: unnamed.peer, diagnostics: normalized.diagnostics)
            },
            finish: { $0 })
    }

    /// Calls `body` with each connection's peer model, in input order; throws the run's errors.
    public func forEachPeer(in sources: [InputSource], diagnostics: DiagnosticCollector, _ body: (PeerConnection) throws -> Void) throws {
        var errors = RunErrors()
        try Pipeline(reader: reader, stages: stages(registry: RunRegistry(options: normalizer.options)), diagnostics: diagnostics).run(sources) { outcome in
            switch outcome {
            case .success(let sequenced):
                sequenced.diagnostics.diagnostics.forEach(diagnostics.emit)
                if let peer = sequenced.peer, errors.isEmpty { try body(peer) }
            case .failure(let error):
                errors.append(error)
            }
        }
        try errors.throwIfAny()
    }

    /// Renders every connection of every input into `sink` and commits it; on failure the sink
    /// is discarded and the errors of every failing connection, in input order, are thrown.
    /// Rendering runs on every core; the output does not depend on it.
    public func run(_ sources: [InputSource], into sink: inout some FileSink, diagnostics: DiagnosticCollector) throws {
        var files = FileSetBuilder()
        var errors = RunErrors()
        var delivered = 0
        let renderer = self.renderer
        let named = stages(registry: RunRegistry(options: normalizer.options))
        let rendering = ParallelStages<Normalized, Sequenced, Rendered>.Stages(
            prepare: named.prepare, sequence: named.sequence,
            finish: { sequenced in
                Rendered(parts: try sequenced.peer.map { try renderer.parts(for: $0, diagnostics: sequenced.diagnostics) } ?? [], diagnostics: sequenced.diagnostics)
            })
        do {
            try Pipeline(reader: reader, stages: rendering, diagnostics: diagnostics).run(sources) { outcome in
                switch outcome {
                case .success(let rendered):
                    rendered.diagnostics.diagnostics.forEach(diagnostics.emit)
                    if errors.isEmpty { try files.add(rendered.parts, into: &sink) }
                    delivered += 1
                    progress?(delivered)
                case .failure(let error):
                    errors.append(error)
                }
            }
            try errors.throwIfAny()
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

/// The errors of a run, in input order: thrown at the end as the first, carrying the others.
struct RunErrors {
    private var errors: [GenPeerError] = []

    var isEmpty: Bool { errors.isEmpty }

    mutating func append(_ error: any Error) {
        errors.append(error as? GenPeerError ?? GenPeerError(.data, "\(error)"))
    }

    func throwIfAny() throws {
        guard var first = errors.first else { return }
        first.more = errors.dropFirst().map(\.diagnostic)
        throw first
    }
}

/// What a run knows of the connections before each one, in input order: the names and
/// interface IDs given so far, and which connections and tunnels it has seen, to tell a
/// connection listed twice (rendered once, with a warning) from two connections that a peer
/// could not tell apart (an error).
final class RunRegistry: Sendable {
    /// Kept small, since a run may hold 100 000 connections: each connection's `VpnConnectionId`
    /// and each tunnel's cloud address and identities, hashed, with the connection's settings
    /// (a hash) and its place in the run.
    private struct State {
        var namer: ConnectionNamer
        var count = 0
        var byId: [Int: Seen] = [:]
        var byTunnel: [Int: Seen] = [:]
    }

    private struct Seen {
        var settings: Int
        var hasId: Bool
        /// 1-based position in the run, for messages.
        var ordinal: Int
    }

    private let state: Mutex<State>

    init(options: NormalizeOptions) {
        state = Mutex(State(namer: ConnectionNamer(firstInterfaceId: options.firstInterfaceId)))
    }

    /// Names `unnamed` unless it repeats a connection before it (then `false`, with a warning);
    /// throws when it clashes with one before it.
    func admit(_ unnamed: inout Normalizer.UnnamedPeer, diagnostics: DiagnosticCollector) throws -> Bool {
        let peer = unnamed.peer
        let settings = Self.settingsHash(peer)
        let tunnels = peer.tunnels.map { tunnel in
            (key: Self.hash(tunnel.remote.address, tunnel.local.id, tunnel.remote.id),
             text: "a tunnel to \(tunnel.remote.address) with the identities \(tunnel.local.id) and \(tunnel.remote.id)")
        }
        return try state.withLock { state in
            state.count += 1
            if let id = peer.vpnConnectionId, let seen = state.byId[Self.hash(id)] {
                guard seen.settings == settings else {
                    throw GenPeerError(
                        .data, "VpnConnectionId \(id) is listed again, with other settings (first as connection \(seen.ordinal) of the run): a run takes each connection once",
                        at: peer.source)
                }
                diagnostics.warn("the same connection as connection \(seen.ordinal) of the run (VpnConnectionId \(id)): rendered once", at: peer.source)
                return false
            }
            for tunnel in tunnels {
                guard let seen = state.byTunnel[tunnel.key] else { continue }
                if seen.settings == settings && !(seen.hasId && peer.vpnConnectionId != nil) {
                    diagnostics.warn("the same connection as connection \(seen.ordinal) of the run: rendered once", at: peer.source)
                    return false
                }
                throw GenPeerError(
                    .data,
                    "\(tunnel.text) is already in connection \(seen.ordinal) of the run: "
                        + "the peer could not tell the two apart (keys and selectors are chosen by them); render each connection in its own run, or give them distinct identities",
                    at: peer.source)
            }
            let seen = Seen(settings: settings, hasId: peer.vpnConnectionId != nil, ordinal: state.count)
            if let id = peer.vpnConnectionId { state.byId[Self.hash(id)] = seen }
            for tunnel in tunnels { state.byTunnel[tunnel.key] = seen }
            unnamed.assignNames(with: &state.namer)
            return true
        }
    }

    private static func hash<each Value: Hashable>(_ values: repeat each Value) -> Int {
        var hasher = Hasher()
        repeat hasher.combine(each values)
        return hasher.finalize()
    }

    /// What makes two connections the same on the wire: everything but names, IDs, tags and
    /// where they were read.
    private static func settingsHash(_ peer: PeerConnection) -> Int {
        var settings = peer
        settings.name = ""
        settings.vpnConnectionId = nil
        settings.alibabaName = nil
        settings.source = SourceLocation(file: "")
        settings.tags = []
        for index in settings.tunnels.indices {
            settings.tunnels[index].source = TunnelSource(file: "", path: "", ikeConfigPath: "", ipsecConfigPath: "")
            settings.tunnels[index].tunnelId = nil
            settings.tunnels[index].customerGatewayId = nil
            settings.tunnels[index].assumed = []
        }
        return settings.hashValue
    }
}
