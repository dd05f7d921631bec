import Foundation

/// The render stage: one peer model → its part of each file of one target. Templates are
/// compiled, and shared files' headers rendered, once, when the renderer is made.
public struct Renderer: Sendable {
    public let target: TargetName
    let layouts: [CompiledLayout]
    private let makeContext: @Sendable (PeerConnection, DiagnosticCollector) throws -> TemplateValue

    /// One file layout ready to render: a shared file gets `header`, then the entries of every
    /// connection separated by `separator`, then `footer`. An entry is made from the connection
    /// and its dialect's context.
    struct CompiledLayout: Sendable {
        var layout: FileLayout
        var header: String
        var separator: String
        var footer: String
        var entry: @Sendable (PeerConnection, TemplateValue) throws -> String
    }

    /// One connection's text for one file.
    struct Part {
        var layoutIndex: Int
        var path: String
        var text: String
    }

    /// `device` is the configuration target a `markdown` snippet shows; other targets ignore it.
    public init(target: TargetName, templates: TemplateStore, device: TargetName = .strongswan) throws {
        self.target = target
        switch target {
        case .markdown:
            let deviceRenderer = try Renderer(target: device, templates: templates)
            let dialect: MarkdownDialect
            switch device {
            case .strongswan: dialect = MarkdownDialect(device: device, dialect: StrongSwanDialect(), renderer: deviceRenderer)
            case .strongswanLegacy: dialect = MarkdownDialect(device: device, dialect: StrongSwanLegacyDialect(), renderer: deviceRenderer)
            case .libreswan: dialect = MarkdownDialect(device: device, dialect: LibreswanDialect(), renderer: deviceRenderer)
            case .markdown, .model: throw GenPeerError(.usage, "--device \(device.rawValue) is not a device; use one of: \(TargetName.devices.map(\.rawValue).joined(separator: ", "))")
            }
            (layouts, makeContext) = try Self.compile(dialect, target: target, templates: templates)
        case .strongswan: (layouts, makeContext) = try Self.compile(StrongSwanDialect(), target: target, templates: templates)
        case .strongswanLegacy: (layouts, makeContext) = try Self.compile(StrongSwanLegacyDialect(), target: target, templates: templates)
        case .libreswan: (layouts, makeContext) = try Self.compile(LibreswanDialect(), target: target, templates: templates)
        // The model is encoded from the connection itself, not from a dialect's context.
        case .model: (layouts, makeContext) = ([ModelDocument.layout], { _, _ in .map([:]) })
        }
    }

    /// Compiles the dialect's templates, each checked against the names its context has: a
    /// header against ``RunContext``, an entry against the dialect's `Context`.
    private static func compile<D: Dialect>(_ dialect: D, target: TargetName, templates: TemplateStore) throws
        -> ([CompiledLayout], @Sendable (PeerConnection, DiagnosticCollector) throws -> TemplateValue)
    where D.Context: Decodable {
        let run = try TemplateValue(encoding: RunContext(generator: "genpeer"))
        let runSchema = try ContextSchema(of: RunContext.self)
        let contextSchema = try ContextSchema(of: D.Context.self)
        func compiled(_ name: String, against schema: ContextSchema) throws -> Template {
            let template = try templates.template(target: target.rawValue, named: name)
            try template.checkNames(against: schema)
            return template
        }
        let layouts = try dialect.files.map { layout in
            let header = try layout.headerTemplate.map { try compiled($0, against: runSchema) }
            let entry = try compiled(layout.entryTemplate, against: contextSchema)
            return CompiledLayout(
                layout: layout,
                header: header?.render(run) ?? "",
                separator: "",
                footer: "",
                entry: { _, context in entry.render(context) })
        }
        return (layouts, { try TemplateValue(encoding: dialect.context(for: $0, diagnostics: $1)) })
    }

    /// The text `connection` contributes to each of the target's files.
    func parts(for connection: PeerConnection, diagnostics: DiagnosticCollector) throws -> [Part] {
        let context = try makeContext(connection, diagnostics)
        return try layouts.indices.map { index in
            Part(layoutIndex: index, path: layouts[index].layout.path(for: connection.name), text: try layouts[index].entry(connection, context))
        }
    }

    /// Renders every connection into whole files, in memory; files come out in the order
    /// ``OutputWriter`` prints them.
    public func render(_ connections: [PeerConnection], diagnostics: DiagnosticCollector) throws -> [RenderedFile] {
        var sink = MemorySink()
        var files = FileSetBuilder(renderer: self)
        for connection in connections {
            try files.add(parts(for: connection, diagnostics: diagnostics), into: &sink)
        }
        try files.finish(into: &sink)
        try sink.commit()
        return sink.files
    }
}

/// What a shared file's header template sees.
struct RunContext: Codable {
    var generator: String
}

/// `--target model`: the peer models as one JSON document, keys sorted so the same input gives
/// the same bytes. Each connection is encoded on its own, so the document streams.
enum ModelDocument {
    static let layout = Renderer.CompiledLayout(
        layout: FileLayout(pathPattern: "model.json", headerTemplate: nil, entryTemplate: "", holdsSecrets: true),
        header: "{\n  \"connections\" : [\n",
        separator: ",\n",
        footer: "\n  ]\n}\n",
        entry: { connection, _ in try encode(connection) })

    private static func encode(_ connection: PeerConnection) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let json = String(decoding: try encoder.encode(connection), as: UTF8.self)
        return json.split(separator: "\n", omittingEmptySubsequences: false).map { "    " + $0 }.joined(separator: "\n")
    }
}
