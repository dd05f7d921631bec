import Foundation

/// Finds and compiles the templates of a target: a user's folder first (`--templates DIR`, laid
/// out like the bundled `templates/`: `DIR/<target>/<file>.mustache`), then the bundled ones.
public struct TemplateStore: Sendable {
    /// The user's template folder, if any.
    public var overrideDirectory: URL?
    /// The bundled template folder; `nil` when the resources cannot be found.
    public var bundledDirectory: URL?

    public init(overrideDirectory: URL? = nil, bundledDirectory: URL? = TemplateStore.locateBundledTemplates()) {
        self.overrideDirectory = overrideDirectory
        self.bundledDirectory = bundledDirectory
    }

    /// Where the text of a template comes from, for `templates path`-style answers and messages.
    public func url(target: String, template: String) -> URL? {
        let relative = "\(target)/\(template).mustache"
        for directory in [overrideDirectory, bundledDirectory].compactMap({ $0 }) {
            let candidate = directory.appendingPathComponent(relative)
            if FileManager.default.isReadableFile(atPath: candidate.path) { return candidate }
        }
        return nil
    }

    /// The compiled template, rendering text as is (no HTML escaping: dialects encode values).
    func template(target: String, named template: String) throws -> Template {
        guard let url = url(target: target, template: template) else {
            throw GenPeerError(
                .template,
                "template \(target)/\(template).mustache not found (bundled templates: \(bundledDirectory?.path ?? "not found next to the executable"); use --templates DIR)")
        }
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw GenPeerError(.template, "cannot read template \(url.path): \(error.localizedDescription)")
        }
        return try Template(parsing: text, name: url.path)
    }

    /// The bundled templates (the `templates/` folder as a SwiftPM resource bundle), looked for
    /// beside the running executable, where SwiftPM puts it, without trapping when it is missing.
    public static func locateBundledTemplates() -> URL? {
        let bundleName = "genpeer_GenPeerTemplates.resources"
        var directories = [Bundle.main.bundleURL]
        if let executable = Bundle.main.executableURL {
            directories.append(executable.deletingLastPathComponent())
            directories.append(executable.resolvingSymlinksInPath().deletingLastPathComponent())
        }
        for directory in directories {
            let candidate = directory.appendingPathComponent(bundleName)
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDirectory), isDirectory.boolValue {
                return candidate
            }
        }
        return nil
    }
}
