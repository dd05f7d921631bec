import Foundation

/// Finds out which targets can express a connection by running the real pipeline on it:
/// ``Normalizer`` first, then each target's ``Renderer``. Nothing here restates a dialect's rules;
/// what a dialect refuses or warns about is what this reports.
struct CompatibilityProbe: Sendable {
    var options: NormalizeOptions
    var renderers: [Renderer]

    /// Stand-ins for addresses the document does not hold and the user did not give, so that a
    /// connection that only lacks `--remote-address` / `--local-address` is still judged for
    /// everything else (RFC 5737 documentation addresses, never rendered anywhere).
    static let placeholderCloudAddress = IPv4Address("192.0.2.1")!
    static let placeholderLocalAddress = IPv4Address("192.0.2.2")!

    /// One tunnel through the normalizer.
    struct Normalized {
        /// The peer model, when one could be made (perhaps with placeholder addresses).
        var peer: PeerConnection?
        /// Why the connection does not normalize as it is, with the user's options.
        var failure: GenPeerError?
        /// The failure is in the data itself, not a missing option: the input is bad.
        var invalid: GenPeerError?
        /// Warnings the normalizer gave.
        var warnings: [Diagnostic] = []
    }

    /// The result for each target and the input errors found on the way.
    struct Result {
        var compatibility: [TargetName: Compatibility]
        var inputErrors: [GenPeerError]
    }

    func probe(_ connection: AlibabaConnection, tunnels: [CheckedTunnel]) -> Result {
        let isDualTunnel = tunnels.first?.label != nil
        if !isDualTunnel, let tunnel = tunnels.first {
            let normalized = normalize(tunnel)
            return Result(
                compatibility: compatibility { render(normalized, $0) },
                inputErrors: normalized.invalid.map { [$0] } ?? [])
        }
        // Dual-tunnel: as a whole first, as genpeer would; should that ever succeed, it decides.
        let whole = normalize(CheckedTunnel(label: nil, location: connection.location, connection: connection))
        if whole.peer != nil, whole.failure == nil {
            return Result(compatibility: compatibility { render(whole, $0) }, inputErrors: [])
        }
        // Else each tunnel alone, so that every reason shows, not only the first.
        let perTunnel = tunnels.map(normalize)
        let compatibility = compatibility { renderer -> Compatibility in
            var reasons = whole.failure.map { [CompatibilityNote($0.diagnostic)] } ?? []
            for normalized in perTunnel {
                if case .no(let notes) = render(normalized, renderer) { reasons += notes }
            }
            return .no(reasons.droppingRepeats())
        }
        return Result(compatibility: compatibility, inputErrors: perTunnel.compactMap(\.invalid))
    }

    private func compatibility(_ judge: (Renderer) -> Compatibility) -> [TargetName: Compatibility] {
        Dictionary(uniqueKeysWithValues: renderers.map { ($0.target, judge($0)) })
    }

    /// A tunnel through the normalizer with the user's options; when that fails and an address
    /// is unknown, again with placeholders, to tell "needs an option" from "bad data".
    func normalize(_ tunnel: CheckedTunnel) -> Normalized {
        if let missing = tunnel.missingBlock { return Normalized(failure: missing, invalid: missing) }
        let diagnostics = DiagnosticCollector()
        do {
            let peer = try normalize(tunnel.connection, options: options, diagnostics: diagnostics)
            return Normalized(peer: peer, warnings: diagnostics.diagnostics)
        } catch let failure as GenPeerError {
            var filled = options
            if let facts = tunnel.facts {
                if options.remoteAddress == nil && !Self.cloudAddressKnown(facts) { filled.remoteAddress = Self.placeholderCloudAddress }
                if options.localAddress == nil && Self.isEmpty(facts.onPremisesId.text) { filled.localAddress = Self.placeholderLocalAddress }
            }
            guard filled.remoteAddress != options.remoteAddress || filled.localAddress != options.localAddress else {
                return Normalized(failure: failure, invalid: failure)
            }
            do {
                let peer = try normalize(tunnel.connection, options: filled, diagnostics: DiagnosticCollector())
                return Normalized(peer: peer, failure: failure)
            } catch let invalid as GenPeerError {
                return Normalized(failure: failure, invalid: invalid)
            } catch {
                return Normalized(failure: failure, invalid: GenPeerError(.data, "\(error)", at: tunnel.location))
            }
        } catch {
            let failure = GenPeerError(.data, "\(error)", at: tunnel.location)
            return Normalized(failure: failure, invalid: failure)
        }
    }

    private func normalize(_ connection: AlibabaConnection, options: NormalizeOptions, diagnostics: DiagnosticCollector) throws -> PeerConnection {
        var namer = ConnectionNamer()
        return try Normalizer(options: options).normalize(connection, namer: &namer, diagnostics: diagnostics)
    }

    /// What one target makes of one normalized tunnel.
    private func render(_ normalized: Normalized, _ renderer: Renderer) -> Compatibility {
        var reasons = normalized.failure.map { [CompatibilityNote($0.diagnostic)] } ?? []
        if normalized.invalid != nil && normalized.invalid?.diagnostic != normalized.failure?.diagnostic {
            reasons.append(CompatibilityNote(normalized.invalid!.diagnostic))
        }
        guard let peer = normalized.peer else { return .no(reasons) }
        let diagnostics = DiagnosticCollector()
        do {
            _ = try renderer.render([peer], diagnostics: diagnostics)
        } catch let refusal as GenPeerError {
            reasons.append(CompatibilityNote(refusal.diagnostic))
        } catch {
            reasons.append(CompatibilityNote(location: nil, message: "\(error)"))
        }
        if !reasons.isEmpty { return .no(reasons.droppingRepeats()) }
        let warnings = (normalized.warnings + diagnostics.diagnostics).map(CompatibilityNote.init).droppingRepeats()
        return warnings.isEmpty ? .yes : .withWarnings(warnings)
    }

    /// Whether the normalizer can find the cloud gateway's address in the document, or would
    /// fail for a reason a placeholder must not hide (an `InternetIp` that is not an address).
    static func cloudAddressKnown(_ facts: PeerFacts) -> Bool {
        facts.cloudAddressCandidates.contains { candidate in
            guard let text = candidate.text?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return false }
            return candidate.mustBeAddress || IPv4Address(text) != nil
        }
    }

    static func isEmpty(_ text: String?) -> Bool {
        (text?.trimmingCharacters(in: .whitespaces) ?? "").isEmpty
    }
}

extension Array where Element: Hashable {
    /// The elements in order, each once.
    func droppingRepeats() -> [Element] {
        var seen: Set<Element> = []
        return filter { seen.insert($0).inserted }
    }
}
