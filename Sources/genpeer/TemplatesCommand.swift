import ArgumentParser
import Foundation
import GenPeerKit

/// `genpeer templates list|cat|path|export`: see the bundled templates, and copy them to
/// customise. The bundled templates are compiled into genpeer: they have no folder on disk
/// until `export` writes one.
struct Templates: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "templates",
        abstract: "Show the templates each target renders through, to read or customise them.",
        discussion: """
            The bundled templates are compiled into genpeer. To customise a target, write a \
            copy, edit it and pass its folder:
              genpeer templates export my-templates
              genpeer vco.json -t strongswan --templates my-templates
            A file left out of the folder stays bundled; a file or folder in it that replaces \
            no bundled template is an error, as is a name the target's templates do not have. \
            The names are listed in the README (Templates) and shown by `--target model`.
            """,
        subcommands: [List.self, Cat.self, Path.self, Export.self])

    struct Options: ParsableArguments {
        @Option(help: ArgumentHelp("A folder of customised templates, laid out like the bundled ones.", valueName: "dir"), completion: .directory)
        var templates: String?

        func store() throws -> TemplateStore {
            try TemplateStore(overrideDirectory: templates.map { URL(fileURLWithPath: $0, isDirectory: true) })
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: "List each target's templates and where each is read from: bundled, or a file.")

        @OptionGroup var options: Options

        func run() throws {
            let store = try reportingFailure { try options.store() }
            for (folder, name) in GenPeerKit.Targets.templates {
                let origin: String
                switch store.origin(target: folder, template: name) {
                case .bundled?: origin = "bundled"
                case .file(let path)?: origin = path
                case nil: origin = "(missing)"
                }
                print("\(folder)/\(name).mustache\t\(origin)")
            }
        }
    }

    struct Cat: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "cat", abstract: "Print a target's templates (all of them, or the one named).")

        @Argument(help: "The target.")
        var target: TargetName

        @Argument(help: "One template name, as `templates list` shows it (without .mustache).")
        var name: String?

        @OptionGroup var options: Options

        func validate() throws {
            let known = target.templateNames
            if let name, !known.contains(name) {
                throw ValidationError("\(target.rawValue) has no template \(name) (it has: \(known.isEmpty ? "none" : known.joined(separator: ", ")))")
            }
        }

        func run() throws {
            let names = name.map { [$0] } ?? target.templateNames
            let store = try reportingFailure { try options.store() }
            for (index, name) in names.enumerated() {
                let text = try reportingFailure {
                    guard let text = store.text(target: target.rawValue, template: name) else {
                        throw GenPeerError(.template, "template \(target.rawValue)/\(name).mustache is not bundled with this genpeer")
                    }
                    return text
                }
                if names.count > 1 { print("\(index > 0 ? "\n" : "")# ==> \(target.rawValue)/\(name).mustache <==") }
                FileHandle.standardOutput.write(Data(text.utf8))
            }
        }
    }

    struct Path: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "path",
            abstract: "Print the folder of customised templates (--templates), if any.",
            discussion: """
                The bundled templates are compiled into genpeer and have no folder: without \
                --templates nothing is printed (and a note on standard error says to use \
                `genpeer templates export DIR`).
                """)

        @OptionGroup var options: Options

        func run() throws {
            let store = try reportingFailure { try options.store() }
            guard let directory = store.overrideDirectory else {
                Terminal.writeStandardError("genpeer: the bundled templates are compiled into genpeer and have no folder; write a copy with: genpeer templates export DIR\n")
                return
            }
            print(directory.standardizedFileURL.path)
        }
    }

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "export",
            abstract: "Write the bundled templates into a folder (DIR/<target>/<name>.mustache), to edit and pass as --templates.")

        @Argument(help: ArgumentHelp("The folder to write (created when missing).", valueName: "dir"), completion: .directory)
        var directory: String

        @Flag(help: "Replace template files that already exist in the folder.")
        var force = false

        func run() throws {
            try reportingFailure {
                var sink = try DirectorySink(directory: directory, force: force)
                do {
                    try TemplateStore.exportBundled(into: &sink)
                    try sink.commit()
                } catch {
                    sink.discard()
                    throw error
                }
            }
        }
    }
}

/// `body`'s result; a ``GenPeerError`` it throws is reported and becomes its exit status.
private func reportingFailure<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as GenPeerError {
        Reporter().report([error.diagnostic] + error.more)
        throw ExitCode(error.kind.rawValue)
    }
}
