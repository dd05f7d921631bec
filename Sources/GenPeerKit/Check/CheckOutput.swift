import Foundation

/// How `genpeer check` prints its reports: text for people, JSON for scripts.
public enum CheckOutput {
    /// One block per report: a header line naming the connection, one line per finding, and the
    /// targets row followed by each target's reasons and warnings.
    ///
    /// ```
    /// vco.json: idc-hangzhou (vco-bp1…)
    ///   warning weak-dh-group IkeConfig.IkePfs: group2 (1024-bit MODP) is SHOULD NOT in RFC 8247 §2.4: …; ask for IkePfs=group14
    ///   targets: strongswan yes, strongswan-legacy yes, libreswan no
    ///     libreswan no: IkeConfig.IkePfs: the libreswan target cannot use "group2": …
    /// ```
    public static func text(_ reports: [CheckReport]) -> String {
        reports.map(text).joined()
    }

    /// The text block of one report, ending with a newline.
    public static func text(_ report: CheckReport) -> String {
        var header = [report.file]
        if !report.path.isEmpty { header.append(report.path) }
        if report.name.map({ !$0.isEmpty }) == true || report.vpnConnectionId.map({ !$0.isEmpty }) == true {
            header.append(report.label)
        }
        var lines = [header.joined(separator: ": ")]
        if report.findings.isEmpty { lines.append("  no findings") }
        for finding in report.findings {
            var line = "  \(finding.severity.rawValue) \(finding.code.rawValue) "
            if !finding.location.path.isEmpty { line += "\(finding.location.path): " }
            line += finding.message
            if let suggestion = finding.suggestion { line += "; ask for \(suggestion)" }
            lines.append(line)
        }
        let targets = CheckReport.targets.filter { report.compatibility[$0] != nil }
        lines.append("  targets: " + targets.map { "\($0.rawValue) \(report.compatibility[$0]!.status.replacingOccurrences(of: "-", with: " "))" }.joined(separator: ", "))
        for target in targets {
            let compatibility = report.compatibility[target]!
            let kind = if case .no = compatibility { "no" } else { "warning" }
            for note in compatibility.notes {
                let path = note.location.map { $0.path.isEmpty ? "" : "\($0.path): " } ?? ""
                lines.append("    \(target.rawValue) \(kind): \(path)\(note.message)")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `{"errors": [...], "reports": [...]}`, keys sorted, so the same input gives the same bytes.
    /// `errors` are the inputs that could not be read at all (`{"file", "path", "message"}`).
    public static func json(_ reports: [CheckReport], errors: [Diagnostic] = []) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let document = Document(
            errors: errors.map { InputError(file: $0.location?.file, path: $0.location?.path, message: $0.message) },
            reports: reports)
        return String(decoding: try encoder.encode(document), as: UTF8.self) + "\n"
    }

    private struct Document: Encodable {
        var errors: [InputError]
        var reports: [CheckReport]
    }

    private struct InputError: Encodable {
        var file: String?
        var path: String?
        var message: String
    }
}
