import Foundation
import PackagePlugin

/// Compiles the bundled templates into the target that uses this plugin: every
/// `<target>/<name>.mustache` below the target's folder becomes an entry of
/// `BundledTemplates.files` in a generated Swift source (by the `embed-templates` tool), so the
/// executable carries its templates and needs no resource folder beside it.
@main
struct EmbedTemplates: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        guard let target = target as? SwiftSourceModuleTarget else { return [] }
        let root = target.directoryURL
        let templates = try Self.templateFiles(below: root)
        let output = context.pluginWorkDirectoryURL.appending(path: "BundledTemplates+Files.swift")
        return [
            .buildCommand(
                displayName: "Embedding \(templates.count) templates into \(target.name)",
                executable: try context.tool(named: "embed-templates").url,
                arguments: [root.path(percentEncoded: false), output.path(percentEncoded: false)]
                    + templates.map { $0.path(percentEncoded: false) },
                inputFiles: templates,
                outputFiles: [output])
        ]
    }

    /// The `*.mustache` files one folder below `root`, in name order.
    private static func templateFiles(below root: URL) throws -> [URL] {
        let manager = FileManager.default
        var files: [URL] = []
        for folder in try manager.contentsOfDirectory(atPath: root.path(percentEncoded: false)).sorted() where !folder.hasPrefix(".") {
            let folderURL = root.appending(path: folder)
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: folderURL.path(percentEncoded: false), isDirectory: &isDirectory), isDirectory.boolValue else { continue }
            for name in try manager.contentsOfDirectory(atPath: folderURL.path(percentEncoded: false)).sorted() where name.hasSuffix(".mustache") && !name.hasPrefix(".") {
                files.append(folderURL.appending(path: name))
            }
        }
        return files
    }
}
