import Foundation

/// The render stage: one peer model → its part of each file of one target. Templates are
/// compiled, and shared files' headers rendered, once, when the renderer is made.
public struct Renderer: Sendable {
    public let target: TargetName
    public let options: RenderOptions
    let dialect: any Dialect
    /// Each layout's compiled templates and rendered header, by its path pattern.
    private let compiled: [String: CompiledLayout]
    /// For a target that embeds a device's files (markdown): that device's renderer.
    private let device: Box<Renderer>?

    struct CompiledLayout: Sendable {
        var layout: FileLayout
        var header: String
        var entry: Template?
    }

    /// One connection's text for one file.
    struct Part {
        var layout: FileLayout
        var mode: FileMode
        var header: String
        var path: String
        var text: String
    }

    public init(target: TargetName, templates: TemplateStore, options: RenderOptions = RenderOptions()) throws {
        self.target = target
        self.options = options
        dialect = target.target.dialect
        var layouts = dialect.layouts
        if target.target.isDevice, let routing = options.routing.target {
            layouts += routing.target.dialect.layouts
        }
        if dialect is any EmbeddingDialect {
            guard options.device.target.isDevice else {
                throw GenPeerError(.usage, "--device \(options.device) is not a device; use one of: \(TargetName.devices.map(\.rawValue).joined(separator: ", "))")
            }
            device = Box(try Renderer(target: options.device, templates: templates, options: options))
        } else {
            device = nil
        }
        let run = try TemplateValue(encoding: RunContext(generator: "genpeer"))
        let runSchema = try ContextSchema(of: RunContext.self)
        // Each template is checked against the names its context has: a header against
        // ``RunContext``, an entry against its layout's context type.
        func checked(_ folder: String, _ name: String, against schema: ContextSchema) throws -> Template {
            let template = try templates.template(target: folder, named: name)
            try template.checkNames(against: schema)
            return template
        }
        var compiled: [String: CompiledLayout] = [:]
        for layout in layouts where compiled[layout.pathPattern] == nil {
            let folder = layout.templateFolder
            let header = try layout.headerTemplate.map { try checked(folder, $0, against: runSchema).render(run) }
            let entry = try layout.entryTemplate.map { try checked(folder, $0, against: ContextSchema(of: layout.context)) }
            compiled[layout.pathPattern] = CompiledLayout(layout: layout, header: (header ?? "") + layout.framing.header, entry: entry)
        }
        self.compiled = compiled
    }

    /// The text `connection` contributes to each of the target's files, in the order the
    /// dialect gives them.
    func parts(for connection: PeerConnection, diagnostics: DiagnosticCollector) throws -> [Part] {
        if let embedding = dialect as? any EmbeddingDialect, let device {
            return try render(embedding.parts(for: connection, options: options, diagnostics: diagnostics, device: device.value))
        }
        return try render(dialect.parts(for: connection, options: options, diagnostics: diagnostics))
    }

    /// Renders parts a dialect made (this target's or, for markdown, its device's).
    func render(_ parts: [DialectPart]) throws -> [Part] {
        try parts.map { part in
            guard let layout = compiled[part.layout.pathPattern] else {
                preconditionFailure("\(target) renders \(part.layout.pathPattern), which its layouts do not list")
            }
            let text: String
            if let entry = layout.entry {
                text = entry.render(try TemplateValue(encoding: part.context))
            } else {
                text = try ModelDialect.text(of: part.context)
            }
            return Part(layout: part.layout, mode: part.mode, header: layout.header, path: part.path, text: text)
        }
    }

    /// Renders every connection into whole files, in memory; files come out in the order
    /// ``StandardOutputSink`` prints them.
    public func render(_ connections: [PeerConnection], diagnostics: DiagnosticCollector) throws -> [RenderedFile] {
        var sink = MemorySink()
        var files = FileSetBuilder()
        for connection in connections {
            try files.add(parts(for: connection, diagnostics: diagnostics), into: &sink)
        }
        try files.finish(into: &sink)
        try sink.commit()
        return sink.files
    }
}

/// A value kept behind a reference, so that a struct can hold one of its own type.
final class Box<Value: Sendable>: Sendable {
    let value: Value

    init(_ value: Value) {
        self.value = value
    }
}

/// What a shared file's header template sees.
struct RunContext: Codable {
    var generator: String
}
