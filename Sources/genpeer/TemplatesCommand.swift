import ArgumentParser
import Foundation
import GenPeerKit

/// `genpeer templates list|cat|path`: see the bundled templates, and copy them to customise.
struct Templates: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "templates",
        abstract: "Show the templates each target renders through, to read or customise them.",
        discussion: """
            To customise a target, copy the bundled templates, edit the copy and pass its folder:
              cp -r "$(genpeer templates path)" my-templates
              genpeer vco.json --target strongswan --templates my-templates
            A file missing from the copy falls back to the bundled one. The values a template \
            can use are listed in the README (Templates) and shown by `--target model`.
            """,
        subcommands: [List.self, Cat.self, Path.self])

    struct Options: ParsableArguments {
        @Option(help: ArgumentHelp("A folder of customised templates, laid out like the bundled one.", valueName: "dir"))
        var templates: String?

        var store: TemplateStore {
            TemplateStore(overrideDirectory: templates.map { URL(fileURLWithPath: $0, isDirectory: true) })
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List each target's templates and the file each is read from.")

        @OptionGroup var options: Options

        func run() {
            let store = options.store
            for target in TargetName.allCases {
                for name in target.templateNames {
                    let source = store.url(target: target.rawValue, template: name)?.path ?? "(missing)"
                    print("\(target.rawValue)/\(name).mustache\t\(source)")
                }
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

        func run() throws {
            let names = name.map { [$0] } ?? target.templateNames
            guard let unknown = names.first(where: { !target.templateNames.contains($0) }) else {
                let store = options.store
                for (index, name) in names.enumerated() {
                    guard let url = store.url(target: target.rawValue, template: name) else {
                        throw fail(GenPeerError(.template, "template \(target.rawValue)/\(name).mustache not found"))
                    }
                    if names.count > 1 { print("\(index > 0 ? "\n" : "")# ==> \(target.rawValue)/\(name).mustache <==") }
                    FileHandle.standardOutput.write(try Data(contentsOf: url))
                }
                return
            }
            let known = target.templateNames.joined(separator: ", ")
            throw ValidationError("\(target.rawValue) has no template \(unknown) (it has: \(known.isEmpty ? "none" : known))")
        }

        private func fail(_ error: GenPeerError) -> ExitCode {
            Reporter().report([error.diagnostic])
            return ExitCode(error.kind.rawValue)
        }
    }

    struct Path: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "path", abstract: "Print the folder of the bundled templates.")

        func run() throws {
            guard let directory = TemplateStore.locateBundledTemplates() else {
                let error = GenPeerError(.template, "the bundled templates were not found next to the executable")
                Reporter().report([error.diagnostic])
                throw ExitCode(error.kind.rawValue)
            }
            print(directory.path)
        }
    }
}
