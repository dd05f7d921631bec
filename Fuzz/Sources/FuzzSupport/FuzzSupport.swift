import Foundation
import GenPeerKit

/// What the three fuzz targets share: how one libFuzzer input is run, what counts as a finding,
/// and the generators, built once per process.
///
/// A thrown ``GenPeerError`` is genpeer refusing a bad document, which is what it should do with
/// almost every fuzzed input: not a finding. A finding is anything that stops the process (a
/// trap, a sanitizer report, a leak, a timeout), and also an error of any other type escaping
/// the public API: the command line catches only `GenPeerError`, so any other error would reach
/// a user as an unexplained failure.
public enum Fuzz {
    /// The bytes libFuzzer hands over, as the `Data` the public API takes.
    public static func data(_ bytes: UnsafePointer<UInt8>?, _ size: Int) -> Data {
        guard let bytes, size > 0 else { return Data() }
        return Data(bytes: bytes, count: size)
    }

    /// `GENPEER_FUZZ_VERBOSE=1` prints what became of each input (refused with which error, or
    /// how many files each target rendered): for checking the seed corpus and reading a
    /// reproducer, never while fuzzing.
    static let verbose = ProcessInfo.processInfo.environment["GENPEER_FUZZ_VERBOSE"] == "1"

    static func log(_ line: @autoclosure () -> String) {
        if verbose { FileHandle.standardError.write(Data("fuzz: \(line())\n".utf8)) }
    }

    /// Runs `body`; `GenPeerError` is an accepted outcome, any other error is a finding.
    @inline(never)
    public static func expectingOnlyGenPeerErrors<T>(_ what: String, _ body: () throws -> T) -> T? {
        do {
            return try body()
        } catch let error as GenPeerError {
            log("\(what): refused: \(error)")
            return nil
        } catch {
            fatalError("fuzz: \(what) threw \(type(of: error)), not GenPeerError: \(error)")
        }
    }

    /// The config targets the whole-path fuzzer renders every input for, plus the model, whose
    /// JSON encoding is a render path of its own.
    public static let renderedTargets: [TargetName] = [.strongswan, .strongswanLegacy, .libreswan, .markdown, .model]

    /// The command-line options an input is rendered with: none (as `genpeer FILE --target T`),
    /// or both addresses given with on-demand start, which takes the other branches of
    /// normalization (a cloud address that need not come from the document, an identity from
    /// `--local-address`) and of every template (a fixed local address, `trap`).
    static let optionSets: [(label: String, options: NormalizeOptions)] = [
        ("defaults", NormalizeOptions()),
        ("addresses+trap", NormalizeOptions(
            remoteAddress: IPv4Address("203.0.113.10"), localAddress: IPv4Address("198.51.100.20"), startAction: .trap)),
    ]

    /// For each option set, one generator per target, with the bundled templates (compiled into
    /// GenPeerKit). Made once: compiling templates is not what is being fuzzed.
    public static let generators: [[(label: String, generator: Generator)]] = optionSets.map { optionSet in
        renderedTargets.map { target in
            do {
                let generator = try Generator(target: target, options: optionSet.options, templates: TemplateStore())
                return ("\(target.rawValue), \(optionSet.label)", generator)
            } catch {
                fatalError("fuzz: cannot make the \(target.rawValue) generator: \(error)")
            }
        }
    }

    /// The whole path for one input: read it (format detected as genpeer does), and when it
    /// holds connections, render them for every target. The read comes first and alone so that
    /// the common case, a document genpeer refuses, costs one parse instead of one per target.
    /// The input's length picks the option set (even: defaults, odd: addresses given): both sets
    /// for every input would halve the rate of runs, and mutations change lengths all the time.
    public static func generateAll(_ data: Data) {
        let name = "fuzz-input"
        guard let connections = expectingOnlyGenPeerErrors("read", { try DocumentReader().read(data, fileName: name) }) else {
            return
        }
        log("read: \(connections.count) connection(s)")
        let inputs = [InputDocument(name: name, data: data)]
        for (label, generator) in generators[data.count % generators.count] {
            let diagnostics = DiagnosticCollector()
            if let files = expectingOnlyGenPeerErrors("generate (\(label))", { try generator.generate(inputs, diagnostics: diagnostics) }) {
                log("generate (\(label)): \(files.count) file(s), \(diagnostics.diagnostics.count) warning(s)")
            }
        }
    }

    /// Reads one input with a forced format.
    public static func read(_ data: Data, as format: InputFormat) {
        if let connections = expectingOnlyGenPeerErrors("read as \(format.rawValue)", {
            try DocumentReader(forcedFormat: format).read(data, fileName: "fuzz-input.\(format.rawValue)")
        }) {
            log("read as \(format.rawValue): \(connections.count) connection(s)")
        }
    }
}
