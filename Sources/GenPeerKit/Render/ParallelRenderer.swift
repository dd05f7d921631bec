import Dispatch

/// Renders connections on every core while the caller goes on reading, and hands the results
/// back in input order, so output bytes and diagnostics do not depend on scheduling.
///
/// Connections are rendered in batches: while one batch renders in the background, the caller
/// reads and normalizes the next. A run smaller than one batch renders on the caller's thread.
final class ParallelRenderer {
    /// One connection's parts and the warnings its rendering raised, or the error it ended with.
    typealias Outcome = Result<(parts: [Renderer.Part], diagnostics: [Diagnostic]), Error>

    private let renderer: Renderer
    private let batchSize: Int
    private var pending: [PeerConnection] = []
    private var inFlight: (group: DispatchGroup, outcomes: OutcomeBuffer)?

    init(renderer: Renderer, batchSize: Int = 256) {
        self.renderer = renderer
        self.batchSize = batchSize
    }

    /// Queues `connection`; returns the outcomes of the batch before, once a new batch starts.
    func submit(_ connection: PeerConnection) -> [Outcome] {
        pending.append(connection)
        guard pending.count == batchSize else { return [] }
        let finished = collectInFlight()
        let batch = pending
        pending = []
        let outcomes = OutcomeBuffer(count: batch.count)
        let group = DispatchGroup()
        let renderer = self.renderer
        DispatchQueue.global().async(group: group) {
            DispatchQueue.concurrentPerform(iterations: batch.count) { index in
                outcomes.store(Self.render(batch[index], with: renderer), at: index)
            }
        }
        inFlight = (group, outcomes)
        return finished
    }

    /// Every outcome not handed back yet, in input order.
    func finish() -> [Outcome] {
        let finished = collectInFlight()
        let rest = pending.map { Self.render($0, with: renderer) }
        pending = []
        return finished + rest
    }

    private func collectInFlight() -> [Outcome] {
        guard let (group, outcomes) = inFlight else { return [] }
        group.wait()
        inFlight = nil
        return outcomes.all()
    }

    private static func render(_ connection: PeerConnection, with renderer: Renderer) -> Outcome {
        let diagnostics = DiagnosticCollector()
        return Result { (try renderer.parts(for: connection, diagnostics: diagnostics), diagnostics.diagnostics) }
    }
}

/// Slots each written by exactly one rendering thread, read after all have finished.
private final class OutcomeBuffer: @unchecked Sendable {
    private var slots: UnsafeMutableBufferPointer<ParallelRenderer.Outcome?>

    init(count: Int) {
        slots = .allocate(capacity: count)
        slots.initialize(repeating: nil)
    }

    deinit {
        slots.deinitialize()
        slots.deallocate()
    }

    func store(_ outcome: ParallelRenderer.Outcome, at index: Int) {
        slots[index] = outcome
    }

    func all() -> [ParallelRenderer.Outcome] {
        slots.map { $0! }
    }
}
