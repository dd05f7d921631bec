import Foundation

/// Turns the command line's input arguments into sources: `-` is standard input, a folder
/// stands for every `*.json` and `*.xml` file directly in it (not hidden, sorted by name), and
/// anything else is a file.
public enum InputFiles {
    public static func sources(for arguments: [String]) throws -> [InputSource] {
        try arguments.flatMap { argument -> [InputSource] in
            if argument == "-" { return [.standardInput] }
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: argument, isDirectory: &isFolder), isFolder.boolValue else {
                return [.file(argument)]
            }
            let names: [String]
            do {
                names = try FileManager.default.contentsOfDirectory(atPath: argument)
            } catch {
                throw GenPeerError(.noInput, "cannot list the folder: \(error.localizedDescription)", at: SourceLocation(file: argument))
            }
            let documents = names.filter(isDocumentName).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            guard !documents.isEmpty else {
                throw GenPeerError(.noInput, "the folder holds no *.json or *.xml file", at: SourceLocation(file: argument))
            }
            return documents.map { .file((argument as NSString).appendingPathComponent($0)) }
        }
    }

    private static func isDocumentName(_ name: String) -> Bool {
        let lowercased = name.lowercased()
        return !name.hasPrefix(".") && (lowercased.hasSuffix(".json") || lowercased.hasSuffix(".xml"))
    }
}
