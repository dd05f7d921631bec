import Foundation
import GenPeerTemplates

/// The templates of every target: the bundled ones, compiled into genpeer, with the files of a
/// user's folder (`--templates DIR`, laid out like the repository's `templates/`:
/// `DIR/<target>/<name>.mustache`) in place of theirs, file by file.
///
/// A user's folder is read whole when the store is made, and must hold nothing but
/// replacements: a missing folder, or a file or folder in it that replaces no bundled template
/// (a misspelt target or file name, which would otherwise be silently ignored), is an error.
/// Hidden files and folders (names starting with `.`, such as `.git`) are skipped.
public struct TemplateStore: Sendable {
    /// Where one template's text comes from.
    public enum Origin: Sendable, Equatable {
        /// Compiled into genpeer.
        case bundled
        /// The user's file at this path.
        case file(String)
    }

    private struct Source: Sendable {
        var text: String
        var origin: Origin
    }

    /// The user's template folder, if any.
    public let overrideDirectory: URL?
    /// Each template by its path below the template folder, `<target>/<name>.mustache`.
    private let sources: [String: Source]

    /// The bundled templates by their path below `templates/` (`<target>/<name>.mustache`).
    public static let bundled: [String: String] = BundledTemplates.files

    /// The bundled templates alone.
    public init() {
        overrideDirectory = nil
        sources = Self.bundled.mapValues { Source(text: $0, origin: .bundled) }
    }

    /// The bundled templates with the files of `overrideDirectory` in their place; `nil` is
    /// the bundled templates alone. Throws a ``GenPeerError`` of kind
    /// ``GenPeerError/Kind/template`` naming the folder or file at fault.
    public init(overrideDirectory: URL?) throws {
        var sources = Self.bundled.mapValues { Source(text: $0, origin: .bundled) }
        if let overrideDirectory {
            for (path, file) in try Self.replacements(in: overrideDirectory) {
                sources[path] = Source(text: try Self.read(file), origin: .file(file.path))
            }
        }
        self.overrideDirectory = overrideDirectory
        self.sources = sources
    }

    /// Where the template comes from; `nil` when there is no such template.
    public func origin(target: String, template: String) -> Origin? {
        sources[Self.path(target: target, template: template)]?.origin
    }

    /// The template's text; `nil` when there is no such template.
    public func text(target: String, template: String) -> String? {
        sources[Self.path(target: target, template: template)]?.text
    }

    /// The compiled template, rendering text as is (no HTML escaping: dialects encode values).
    func template(target: String, named template: String) throws -> Template {
        let path = Self.path(target: target, template: template)
        guard let source = sources[path] else {
            throw GenPeerError(.template, "template \(path) is not bundled with this genpeer")
        }
        switch source.origin {
        case .bundled: return try Template(parsing: source.text, name: path)
        case .file(let file): return try Template(parsing: source.text, name: file)
        }
    }

    /// Writes the bundled templates into `sink` by their paths (`<target>/<name>.mustache`), so
    /// a folder they are written to is laid out as `--templates` reads it.
    public static func exportBundled(into sink: inout some FileSink) throws {
        for path in bundled.keys.sorted() {
            try sink.begin(path, mode: .regular, shared: true)
            try sink.append(bundled[path]!, to: path)
            try sink.end(path)
        }
    }

    private static func path(target: String, template: String) -> String {
        "\(target)/\(template).mustache"
    }

    // MARK: The user's folder

    /// The template folders (targets) of the bundled set and the file names in each.
    private static let bundledFiles: [String: Set<String>] = Dictionary(
        grouping: bundled.keys.map { $0.split(separator: "/", maxSplits: 1).map(String.init) },
        by: { $0[0] }
    ).mapValues { Set($0.map { $0[1] }) }

    /// Each file of `directory` by the bundled template path it replaces.
    private static func replacements(in directory: URL) throws -> [(path: String, file: URL)] {
        guard let directoryKind = kind(of: directory) else {
            throw GenPeerError(.template, "--templates \(directory.path): no such folder")
        }
        guard directoryKind == .folder else { throw GenPeerError(.template, "--templates \(directory.path): not a folder") }
        var found: [(String, URL)] = []
        for folderName in try visibleEntries(of: directory) {
            let folder = directory.appendingPathComponent(folderName)
            guard let names = bundledFiles[folderName], kind(of: folder) == .folder else {
                throw strayEntry(folder, isFolder: kind(of: folder) == .folder)
            }
            for fileName in try visibleEntries(of: folder) {
                let file = folder.appendingPathComponent(fileName)
                guard names.contains(fileName), kind(of: file) == .file else {
                    let suggestion = NameSuggestion.closest(to: fileName, among: names.sorted())
                    let has = "\(folderName) has: \(names.sorted().joined(separator: ", "))"
                    throw GenPeerError(.template, "\(file.path): replaces no bundled template (\(suggestion.map { "did you mean \($0)? " } ?? "")\(has))")
                }
                found.append(("\(folderName)/\(fileName)", file))
            }
        }
        return found
    }

    private static func strayEntry(_ url: URL, isFolder: Bool) -> GenPeerError {
        let targets = bundledFiles.keys.sorted()
        let list = "targets with templates: \(targets.joined(separator: ", "))"
        guard isFolder else {
            return GenPeerError(.template, "\(url.path): replaces no bundled template: templates go in folders named after their target (\(list))")
        }
        let name = url.lastPathComponent
        let suggestion = NameSuggestion.closest(to: name, among: targets)
        return GenPeerError(.template, "\(url.path): replaces no bundled template: no target has templates in \(name) (\(suggestion.map { "did you mean \($0)? " } ?? "")\(list))")
    }

    private enum EntryKind { case file, folder }

    /// What is at `url`, links followed; `nil` when nothing is.
    private static func kind(of url: URL) -> EntryKind? {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else { return nil }
        return isDirectory.boolValue ? .folder : .file
    }

    private static func visibleEntries(of folder: URL) throws -> [String] {
        do {
            return try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { !$0.hasPrefix(".") }.sorted()
        } catch {
            throw GenPeerError(.template, "cannot read the template folder \(folder.path): \(error.localizedDescription)")
        }
    }

    private static func read(_ file: URL) throws -> String {
        do {
            return try String(contentsOf: file, encoding: .utf8)
        } catch {
            throw GenPeerError(.template, "cannot read template \(file.path): \(error.localizedDescription)")
        }
    }
}
