import Foundation
import Testing
@testable import GenPeerKit

/// A template folder or a template that would silently render less than it says is an error
/// (exit 70) naming the file, and the line for a tag: a missing `--templates` folder, a file or
/// folder in it that replaces no bundled template, a name the dialect's context does not have.
@Suite("Strict templates")
struct StrictTemplateTests {
    private static let sample = "samples/describe-vpn-connection.json"

    /// Writes `files` (path below the folder → text) into a new folder and runs `body` with it.
    private func withTemplateFolder<T>(_ files: [String: String], _ body: (URL) throws -> T) throws -> T {
        try withScratchFolder { scratch in
            let folder = scratch.appendingPathComponent("my-templates")
            for (path, text) in files {
                let file = folder.appendingPathComponent(path)
                try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
                try text.write(to: file, atomically: false, encoding: .utf8)
            }
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            return try body(folder)
        }
    }

    private func bundled(_ path: String) throws -> String {
        try String(contentsOf: repositoryRoot.appendingPathComponent("templates/\(path)"), encoding: .utf8)
    }

    @Test func aMissingFolderIsAnError() throws {
        let missing = "/nonexistent/genpeer-templates"
        let error = failure { _ = try TemplateStore(overrideDirectory: URL(fileURLWithPath: missing)) }
        #expect(error?.kind == .template)
        #expect(error?.description == "--templates \(missing): no such folder")

        let run = try GenPeerRun([Self.sample, "--target", "strongswan", "--templates", missing])
        #expect(run.status == 70)
        #expect(run.stdout == "")
        #expect(run.stderr == "genpeer: error: --templates \(missing): no such folder\n")
        let check = try GenPeerRun(["check", Self.sample, "--templates", missing])
        #expect(check.status == 70)
    }

    @Test func aMisspelledTargetFolderIsAnError() throws {
        try withTemplateFolder(["strongswn/swanctl.conf.mustache": try bundled("strongswan/swanctl.conf.mustache")]) { folder in
            let run = try GenPeerRun([Self.sample, "--target", "strongswan", "--templates", folder.path])
            #expect(run.status == 70)
            #expect(run.stdout == "")
            #expect(run.stderr.hasPrefix("genpeer: error: \(folder.path)/strongswn: replaces no bundled template: no target has templates in strongswn (did you mean strongswan?"), "\(run.stderr)")
        }
    }

    @Test func aMisspelledFileIsAnError() throws {
        try withTemplateFolder(["strongswan/swanctl.mustache": "x\n", "libreswan/conn.mustache": try bundled("libreswan/conn.mustache")]) { folder in
            let error = failure { _ = try TemplateStore(overrideDirectory: folder) }
            #expect(error?.kind == .template)
            #expect(error?.description == "\(folder.path)/strongswan/swanctl.mustache: replaces no bundled template (did you mean swanctl.conf.mustache? strongswan has: swanctl.conf.mustache)")
            // Whatever target is rendered: the folder is wrong as a whole.
            let run = try GenPeerRun([Self.sample, "--target", "libreswan", "--templates", folder.path])
            #expect(run.status == 70)
            #expect(run.stderr.contains("\(folder.path)/strongswan/swanctl.mustache: replaces no bundled template"))
        }
    }

    @Test func hiddenFilesAreIgnored() throws {
        try withTemplateFolder([".git/HEAD": "ref\n", "libreswan/.conn.mustache.swp": "x"]) { folder in
            let run = try GenPeerRun([Self.sample, "--target", "libreswan", "--templates", folder.path])
            #expect(run.status == 0, "\(run.stderr)")
        }
    }

    @Test func anUnknownKeyIsAnErrorWithItsFileAndLineEvenInASectionThisInputSkips() throws {
        // Line 27 is inside {{#dpdDelay}}, which a connection without DPD never renders.
        var lines = try bundled("strongswan/swanctl.conf.mustache").split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[25] == "{{#dpdDelay}}")
        lines[26] = "        dpd_delay = {{.}} {{nmae}}"
        try withTemplateFolder(["strongswan/swanctl.conf.mustache": lines.joined(separator: "\n")]) { folder in
            let run = try GenPeerRun(["-", "--target", "strongswan", "--templates", folder.path], stdin: connectionJSON(top: ["EnableDpd": false]))
            #expect(run.status == 70)
            #expect(run.stdout == "")
            #expect(run.stderr == "genpeer: error: template \(folder.path)/strongswan/swanctl.conf.mustache, line 27: {{nmae}}: no name nmae here (did you mean name?)\n")
            // Found when the templates are compiled, before any input is read.
            let noInput = try GenPeerRun(["/nonexistent.json", "--target", "strongswan", "--templates", folder.path])
            #expect(noInput.status == 70)
        }
    }

    @Test func aKeyOfAnotherScopeIsAnError() throws {
        // localTs belongs to each child of a tunnel, not to the tunnel.
        try withTemplateFolder(["strongswan/swanctl.conf.mustache": "{{#tunnels}}{{#children}}{{localTs}}{{/children}}\n{{name}}\n\n{{localTs}}\n{{/tunnels}}\n"]) { folder in
            let error = failure { _ = try Renderer(target: .strongswan, templates: try TemplateStore(overrideDirectory: folder)) }
            #expect(error?.kind == .template)
            #expect(error?.description == "template \(folder.path)/strongswan/swanctl.conf.mustache, line 4: {{localTs}}: no name localTs here (it is in tunnels.children)")
        }
    }

    @Test func theMarkdownDevicesTemplatesAreCheckedToo() throws {
        try withTemplateFolder(["libreswan/secrets.mustache": "{{#secrets}}{{vaule}}{{/secrets}}\n"]) { folder in
            let run = try GenPeerRun([Self.sample, "--target", "markdown", "--device", "libreswan", "--templates", folder.path])
            #expect(run.status == 70)
            #expect(run.stderr.contains("libreswan/secrets.mustache, line 1: {{vaule}}: no name vaule here (did you mean value?)"))
        }
    }

    // MARK: The schema and the check, on their own

    @Test func theSchemaWalksNestedObjectsListElementsAndOptionals() throws {
        let schema = try ContextSchema(of: StrongSwanDialect.Context.self)
        guard case .map(let members) = schema else { Issue.record("not a map: \(schema)"); return }
        guard case .map(let header)? = members["header"] else { Issue.record("header: \(String(describing: members["header"]))"); return }
        #expect(header["vpnConnectionId"] == .value, "optional keys are part of the schema")
        #expect(header["notes"] == .list(.value))
        guard case .list(.map(let tunnel))? = members["tunnels"] else { Issue.record("tunnels: \(String(describing: members["tunnels"]))"); return }
        #expect(tunnel["aggressive"] == .value)
        guard case .list(.map(let child))? = tunnel["children"] else { Issue.record("children: \(String(describing: tunnel["children"]))"); return }
        #expect(child["localTs"] == .value)
        #expect(child["dpdAction"] == .value)
        guard case .map(let secret)? = tunnel["secret"] else { Issue.record("secret"); return }
        #expect(Set(secret.keys) == ["localId", "remoteId", "value", "isBase64"])
    }

    private let schema = ContextSchema.map([
        "name": .value,
        "flag": .value,
        "items": .list(.map(["label": .value, "tags": .list(.value)])),
        "inner": .map(["deep": .map(["leaf": .value])]),
    ])

    private func check(_ text: String) -> String? {
        failure { try Template(parsing: text, name: "t.mustache").checkNames(against: schema) }?.description
    }

    @Test func namesAreCheckedInTheScopeTheyAreIn() {
        #expect(check("{{name}} {{#flag}}{{name}}{{/flag}} {{^flag}}{{name}}{{/flag}}") == nil)
        #expect(check("{{#items}}{{label}} {{name}} {{#tags}}{{.}}{{label}}{{/tags}}{{/items}}") == nil)
        #expect(check("{{inner.deep.leaf}} {{#inner}}{{deep.leaf}}{{#deep}}{{leaf}}{{name}}{{/deep}}{{/inner}}") == nil)
        #expect(check("{{#name}}{{.}}{{/name}} {{.}}") == nil)

        #expect(check("a\n{{#items}}\n{{lable}}\n{{/items}}") == "template t.mustache, line 3: {{lable}}: no name lable here (did you mean label?)")
        #expect(check("{{label}}") == "template t.mustache, line 1: {{label}}: no name label here (it is in items)")
        #expect(check("{{inner.deep.leef}}") == "template t.mustache, line 1: {{inner.deep.leef}}: no name leef in inner.deep (did you mean leaf?)")
        #expect(check("{{name.first}}") == "template t.mustache, line 1: {{name.first}}: name has no members")
        #expect(check("\n\n{{#zzz}}{{/zzz}}") == "template t.mustache, line 3: {{#zzz}}: no name zzz here")
        #expect(check("{{^items}}{{label}}{{/items}}") == "template t.mustache, line 1: {{label}}: no name label here (it is in items)", "an inverted section pushes nothing")
    }
}
