import Foundation
import Mustache

/// The render stage: peer models → the files of one target. Templates are compiled once, when
/// the renderer is made.
public struct Renderer: Sendable {
    public let target: TargetName
    private let layouts: [CompiledLayout]
    private let makeContext: @Sendable (PeerConnection, DiagnosticCollector) throws -> Any

    private struct CompiledLayout: Sendable {
        var layout: FileLayout
        var header: MustacheTemplate?
        var entry: MustacheTemplate
    }

    public init(target: TargetName, templates: TemplateStore) throws {
        self.target = target
        switch target {
        case .strongswan: (layouts, makeContext) = try Self.compile(StrongSwanDialect(), target: target, templates: templates)
        case .strongswanLegacy: (layouts, makeContext) = try Self.compile(StrongSwanLegacyDialect(), target: target, templates: templates)
        case .libreswan: (layouts, makeContext) = try Self.compile(LibreswanDialect(), target: target, templates: templates)
        case .model: (layouts, makeContext) = ([], { connection, _ in connection })
        }
    }

    private static func compile<D: Dialect>(_ dialect: D, target: TargetName, templates: TemplateStore) throws
        -> ([CompiledLayout], @Sendable (PeerConnection, DiagnosticCollector) throws -> Any)
    {
        let layouts = try dialect.files.map { layout in
            CompiledLayout(
                layout: layout,
                header: try layout.headerTemplate.map { try templates.template(target: target.rawValue, named: $0) },
                entry: try templates.template(target: target.rawValue, named: layout.entryTemplate))
        }
        return (layouts, { try dialect.context(for: $0, diagnostics: $1) })
    }

    /// Renders every connection; files come out in the order they were first written to.
    public func render(_ connections: [PeerConnection], diagnostics: DiagnosticCollector) throws -> [RenderedFile] {
        if target == .model { return [try ModelDocument(connections: connections).rendered()] }
        var files: [RenderedFile] = []
        var indexByPath: [String: Int] = [:]
        for connection in connections {
            let context = try makeContext(connection, diagnostics)
            for compiled in layouts {
                let path = compiled.layout.path(for: connection.name)
                if indexByPath[path] == nil {
                    indexByPath[path] = files.count
                    let header = compiled.header?.render(RunContext(generator: "genpeer")) ?? ""
                    files.append(RenderedFile(path: path, contents: header, holdsSecrets: compiled.layout.holdsSecrets))
                } else if !compiled.layout.isShared {
                    throw GenPeerError(.cannotCreate, "two connections would write \(path)")
                }
                files[indexByPath[path]!].contents += compiled.entry.render(context)
            }
        }
        return files
    }
}

/// What a shared file's header template sees.
struct RunContext {
    var generator: String
}

/// `--target model`: the peer models as JSON, keys sorted so the same input gives the same bytes.
struct ModelDocument: Encodable {
    var connections: [PeerConnection]

    func rendered() throws -> RenderedFile {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(self)
        return RenderedFile(path: "model.json", contents: String(decoding: data, as: UTF8.self) + "\n", holdsSecrets: true)
    }
}
