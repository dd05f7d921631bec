import Foundation
import Testing
@testable import GenPeerKit

/// The command line as people use it day to day: templates, folders of inputs, quiet runs,
/// and the version (the completions and the manual page: GeneratedDocsTests).
@Suite("Everyday use")
struct EverydayUseTests {
    @Test func templatesAreListedPrintedAndExported() throws {
        let list = try GenPeerRun(["templates", "list"])
        #expect(list.status == 0)
        let rows = list.stdout.split(separator: "\n").map { $0.split(separator: "\t").map(String.init) }
        #expect(rows.contains(["strongswan/swanctl.conf.mustache", "bundled"]))
        #expect(rows.contains(["markdown/snippet.mustache", "bundled"]))
        #expect(rows.allSatisfy { $0.count == 2 && $0[1] == "bundled" })

        let cat = try GenPeerRun(["templates", "cat", "libreswan", "secrets"])
        let bundled = try String(contentsOf: repositoryRoot.appendingPathComponent("templates/libreswan/secrets.mustache"), encoding: .utf8)
        #expect(cat.stdout == bundled)

        // No folder on disk: nothing to print, and a note on what to do instead.
        let path = try GenPeerRun(["templates", "path"])
        #expect(path.status == 0)
        #expect(path.stdout == "")
        #expect(path.stderr.contains("genpeer templates export DIR"))

        let unknown = try GenPeerRun(["templates", "cat", "libreswan", "nope"])
        #expect(unknown.status == 64)
    }

    @Test func exportWritesTheBundledSetAsTheRepositoryHasIt() throws {
        try withScratchFolder { scratch in
            let directory = scratch.appendingPathComponent("exported")
            let export = try GenPeerRun(["templates", "export", directory.path])
            #expect(export.status == 0, "\(export.stderr)")
            let repository = repositoryRoot.appendingPathComponent("templates")
            let expected = try FileManager.default.subpathsOfDirectory(atPath: repository.path).filter { $0.hasSuffix(".mustache") }.sorted()
            let written = try FileManager.default.subpathsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".mustache") }.sorted()
            #expect(written == expected)
            for path in expected {
                #expect(try Data(contentsOf: directory.appendingPathComponent(path)) == Data(contentsOf: repository.appendingPathComponent(path)), "\(path)")
            }
            let again = try GenPeerRun(["templates", "export", directory.path])
            #expect(again.status == 73)
            #expect(again.stderr.contains("exists; use --force to replace it"))
            #expect(try GenPeerRun(["templates", "export", directory.path, "--force"]).status == 0)
            let path = try GenPeerRun(["templates", "path", "--templates", directory.path])
            #expect(path.stdout == directory.path + "\n")
        }
    }

    @Test func anExportedAndEditedTemplateIsUsed() throws {
        try withScratchFolder { scratch in
            let directory = scratch.appendingPathComponent("templates")
            #expect(try GenPeerRun(["templates", "export", directory.path]).status == 0)
            let file = directory.appendingPathComponent("libreswan/conn.mustache")
            try ("# site policy 42\n" + String(contentsOf: file, encoding: .utf8)).write(to: file, atomically: false, encoding: .utf8)
            let run = try GenPeerRun(["samples/describe-vpn-connection.json", "--target", "libreswan", "--templates", directory.path])
            #expect(run.status == 0)
            #expect(run.stdout.contains("# site policy 42\n"))
            let listed = try GenPeerRun(["templates", "list", "--templates", directory.path])
            #expect(listed.stdout.contains("libreswan/conn.mustache\t\(file.path)"))
            let cat = try GenPeerRun(["templates", "cat", "libreswan", "conn", "--templates", directory.path])
            #expect(cat.stdout.hasPrefix("# site policy 42\n"))
        }
    }

    @Test func everyBundledTemplateIsOneATargetRendersThrough() {
        let used = Set(Targets.templates.map { "\($0.folder)/\($0.name).mustache" })
        #expect(Set(TemplateStore.bundled.keys) == used)
    }

    @Test func aFolderOfResponsesIsReadInNameOrder() throws {
        try withScratchFolder { directory in
            try siteJSON(2, name: "b-site").write(to: directory.appendingPathComponent("2.json"), atomically: false, encoding: .utf8)
            try siteJSON(1, name: "a-site").write(to: directory.appendingPathComponent("1.json"), atomically: false, encoding: .utf8)
            try "ignored".write(to: directory.appendingPathComponent("notes.txt"), atomically: false, encoding: .utf8)
            let run = try GenPeerRun([directory.path, "--target", "strongswan"])
            #expect(run.status == 0, "\(run.stderr)")
            let headers = run.stdout.split(separator: "\n").filter { $0.hasPrefix("# ==> ") }
            #expect(headers == ["# ==> swanctl/conf.d/a-site.conf <==", "# ==> swanctl/conf.d/b-site.conf <=="])
        }
    }

    @Test func quietKeepsErrorsOnly() throws {
        let ikev1 = connectionJSON(ike: ["IkeVersion": "ikev1"])
        let loud = try GenPeerRun(["-", "--target", "libreswan"], stdin: ikev1)
        #expect(loud.stderr.contains("warning"))
        let quiet = try GenPeerRun(["-", "--target", "libreswan", "--quiet"], stdin: ikev1)
        #expect(quiet.status == 0)
        #expect(quiet.stderr.isEmpty)
        let failing = try GenPeerRun(["-", "--target", "libreswan", "-q"], stdin: connectionJSON(ike: ["IkeEncAlg": "rc4"]))
        #expect(failing.stderr.hasPrefix("genpeer: error: "))
    }

    /// A batch long enough for the progress line to be drawn (at most ten times a second).
    private func longBatch() -> String {
        let items = (0..<3000).map { siteJSON($0) }
        return "[\(items.joined(separator: ","))]"
    }

    @Test func progressIsDrawnOnATerminalAndErasedBeforeTheEnd() throws {
        let batch = longBatch()
        let watched = try GenPeerRun(["-", "--target", "strongswan"], stdin: batch, standardError: .terminal)
        #expect(watched.status == 0)
        let draws = watched.stderr.matches(of: /\rgenpeer: (\d+) connections/).map { Int($0.1)! }
        #expect(!draws.isEmpty)
        #expect(draws == draws.sorted() && draws.allSatisfy { $0 > 0 && $0 <= 3000 })
        // Erased once, at the end: nothing of it is left on the terminal.
        #expect(watched.stderr.hasSuffix("\r\u{1B}[K"))
        #expect(watched.stderr.components(separatedBy: "\r\u{1B}[K").count == 2)

        let scripted = try GenPeerRun(["-", "--target", "strongswan"], stdin: batch)
        #expect(scripted.stderr.isEmpty)
        #expect(scripted.stdout == watched.stdout)
        let quiet = try GenPeerRun(["-", "--target", "strongswan", "--quiet"], stdin: batch, standardError: .terminal)
        #expect(quiet.stderr.isEmpty)
    }

    @Test func severityIsColouredOnlyOnATerminalWithoutNoColor() throws {
        let ikev1 = connectionJSON(ike: ["IkeVersion": "ikev1"])
        let arguments = ["-", "--target", "libreswan"]
        let coloured = try GenPeerRun(arguments, stdin: ikev1, standardError: .terminal, environment: ["NO_COLOR": nil, "TERM": "xterm"])
        #expect(coloured.stderr.hasPrefix("genpeer: \u{1B}[1;33mwarning\u{1B}[0m: "))
        let plain = try GenPeerRun(arguments, stdin: ikev1, standardError: .terminal, environment: ["NO_COLOR": "1", "TERM": "xterm"])
        #expect(plain.stderr.hasPrefix("genpeer: warning: "))
        let dumb = try GenPeerRun(arguments, stdin: ikev1, standardError: .terminal, environment: ["NO_COLOR": nil, "TERM": "dumb"])
        #expect(dumb.stderr.hasPrefix("genpeer: warning: "))
        let piped = try GenPeerRun(arguments, stdin: ikev1, environment: ["NO_COLOR": nil, "TERM": "xterm"])
        #expect(piped.stderr.hasPrefix("genpeer: warning: "))
        let failing = try GenPeerRun(["-", "--target", "libreswan"], stdin: connectionJSON(ike: ["IkeEncAlg": "rc4"]), standardError: .terminal, environment: ["NO_COLOR": nil, "TERM": "xterm"])
        #expect(failing.stderr.hasPrefix("genpeer: \u{1B}[1;31merror\u{1B}[0m: "))
    }

    @Test func warningsRepeatedForManyConnectionsPrintOnce() throws {
        let items = (0..<5).map { siteJSON($0, name: "s\($0)", ike: ["IkeVersion": "ikev1"]) }
        let run = try GenPeerRun(["-", "--target", "libreswan"], stdin: "[\(items.joined(separator: ","))]")
        let warnings = run.stderr.split(separator: "\n").filter { $0.contains("ikev1-policy=accept") }
        #expect(warnings.count == 1)
        #expect(warnings.first?.hasSuffix("(and 4 more like it)") == true)
    }

    @Test func versionAndManualPage() throws {
        let version = try GenPeerRun(["--version"])
        #expect(version.stdout.trimmingCharacters(in: .newlines) == GenPeerVersion.current)
        let manual = try String(contentsOf: repositoryRoot.appendingPathComponent("docs/genpeer.1"), encoding: .utf8)
        #expect(manual.contains(".Nm genpeer") || manual.contains("genpeer"))
        for command in ["check", "templates", "targets"] { #expect(manual.contains(command)) }
    }
}
