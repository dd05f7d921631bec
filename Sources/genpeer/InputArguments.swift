import ArgumentParser
import GenPeerKit

/// The inputs every reading command takes: files, folders or `-`, and an optional forced format.
struct InputArguments: ParsableArguments {
    @Argument(help: "Input files or folders (every *.json and *.xml file in it, by name), or - for standard input.", completion: .file())
    var inputs: [String] = []

    @Option(help: "Read the inputs as json or xml instead of detecting it from the first byte.")
    var inputFormat: InputFormat?

    func validate() throws {
        if inputs.isEmpty { throw ValidationError("Give at least one input file, or - for standard input.") }
        if inputs.filter({ $0 == "-" }).count > 1 { throw ValidationError("Standard input (-) can be read only once.") }
    }

    /// The sources the arguments name, folders expanded.
    func sources() throws -> [InputSource] {
        try InputFiles.sources(for: inputs)
    }
}
