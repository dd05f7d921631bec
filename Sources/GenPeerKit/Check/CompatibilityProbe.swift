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
    static let placeholderCloudAddresses = [IPv4Address("192.0.2.1")!, IPv4Address("192.0.2.3")!]
    static let placeholderLocalAddress = IPv4Address("192.0.2.2")!

    /// The connection through the normalizer.
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

    func probe(_ connection: AlibabaConnection) -> Result {
        let normalized = normalize(connection)
        return Result(
            compatibility: Dictionary(uniqueKeysWithValues: renderers.map { ($0.target, render(normalized, $0)) }),
            inputErrors: normalized.invalid.map { [$0] } ?? [])
    }

    /// The connection through the normalizer with the user's options; when that fails and an
    /// address is unknown, again with placeholders, to tell "needs an option" from "bad data".
    func normalize(_ connection: AlibabaConnection) -> Normalized {
        let diagnostics = DiagnosticCollector()
        do {
            let peer = try normalize(connection, options: options, diagnostics: diagnostics)
            return Normalized(peer: peer, warnings: diagnostics.diagnostics)
        } catch let failure as GenPeerError {
            let facts = PeerFacts(connection)
            let tunnels = facts.tunnels.compactMap { try? $0.get() }
            var filled = options
            if options.remoteAddresses.isEmpty && tunnels.contains(where: { !Self.cloudAddressKnown($0) }) {
                filled.remoteAddresses = Array(Self.placeholderCloudAddresses.prefix(max(tunnels.count, 1)))
            }
            if options.localAddresses.isEmpty && tunnels.contains(where: { AlibabaVocabulary.text($0.onPremisesId.text) == nil }) {
                filled.localAddresses = [Self.placeholderLocalAddress]
            }
            guard filled.remoteAddresses != options.remoteAddresses || filled.localAddresses != options.localAddresses else {
                return Normalized(failure: failure, invalid: failure)
            }
            do {
                let peer = try normalize(connection, options: filled, diagnostics: DiagnosticCollector())
                return Normalized(peer: peer, failure: failure)
            } catch let invalid as GenPeerError {
                return Normalized(failure: failure, invalid: invalid)
            } catch {
                return Normalized(failure: failure, invalid: GenPeerError(.data, "\(error)", at: connection.location))
            }
        } catch {
            let failure = GenPeerError(.data, "\(error)", at: connection.location)
            return Normalized(failure: failure, invalid: failure)
        }
    }

    private func normalize(_ connection: AlibabaConnection, options: NormalizeOptions, diagnostics: DiagnosticCollector) throws -> PeerConnection {
        var namer = ConnectionNamer(firstInterfaceId: options.firstInterfaceId)
        return try Normalizer(options: options).normalize(connection, namer: &namer, diagnostics: diagnostics)
    }

    /// What one target makes of the normalized connection.
    private func render(_ normalized: Normalized, _ renderer: Renderer) -> Compatibility {
        var reasons = normalized.failure.map { [CompatibilityNote($0.diagnostic)] } ?? []
        if let invalid = normalized.invalid, invalid.diagnostic != normalized.failure?.diagnostic {
            reasons.append(CompatibilityNote(invalid.diagnostic))
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

    /// Whether the normalizer can find the tunnel's cloud address in the document, or would
    /// fail for a reason a placeholder must not hide (an `InternetIp` that is not an address).
    static func cloudAddressKnown(_ tunnel: TunnelFacts) -> Bool {
        tunnel.cloudAddressCandidates.contains { candidate in
            guard let text = AlibabaVocabulary.text(candidate.field.text) else { return false }
            return candidate.mustBeAddress || IPv4Address(text) != nil
        }
    }
}

extension Array where Element: Equatable {
    /// The elements in order, each once. Comparing each with those kept beats hashing for the
    /// handful of findings or notes a connection has: hashing their texts, not all ASCII
    /// (`RFC 8247 §2.4`), normalizes them first.
    func droppingRepeats() -> [Element] {
        var kept: [Element] = []
        for element in self where !kept.contains(element) { kept.append(element) }
        return kept
    }
}
