import Dispatch

/// Decodes, normalizes and renders connections on every core while the caller goes on reading,
/// and hands the results back in input order, so output bytes, names and diagnostics do not
/// depend on scheduling.
///
/// Connections go in batches: while one batch is decoded and normalized (in parallel), named
/// (in order: a name depends on the names before it) and rendered (in parallel) in the
/// background, the caller reads the next. Decoding is here rather than on the reading thread,
/// which is the one the whole run waits for; an item that does not decode fails like one that
/// does not normalize, in input order. A run smaller than one batch runs on the caller's thread.
final class ParallelStages {
    /// One connection's parts and the warnings it raised, or the error it ended with.
    typealias Outcome = Result<(parts: [Renderer.Part], diagnostics: [Diagnostic]), Error>

    private let work: BatchWork
    private let batchSize: Int
    private var pending: [ReadItem] = []
    private var inFlight: (group: DispatchGroup, outcomes: OutcomeBuffer)?

    init(normalizer: Normalizer, renderer: Renderer, batchSize: Int = 256) {
        work = BatchWork(normalizer: normalizer, renderer: renderer)
        self.batchSize = batchSize
    }

    /// Queues `item`; returns the outcomes of the batch before, once a new batch starts.
    func submit(_ item: ReadItem) -> [Outcome] {
        pending.append(item)
        guard pending.count == batchSize else { return [] }
        let finished = collectInFlight()
        let batch = pending
        pending = []
        let outcomes = OutcomeBuffer(count: batch.count)
        let group = DispatchGroup()
        let work = self.work
        DispatchQueue.global().async(group: group) { work.process(batch, into: outcomes) }
        inFlight = (group, outcomes)
        return finished
    }

    /// Every outcome not handed back yet, in input order.
    func finish() -> [Outcome] {
        let finished = collectInFlight()
        let outcomes = OutcomeBuffer(count: pending.count)
        work.process(pending, into: outcomes)
        pending = []
        return finished + outcomes.all()
    }

    private func collectInFlight() -> [Outcome] {
        guard let (group, outcomes) = inFlight else { return [] }
        group.wait()
        inFlight = nil
        return outcomes.all()
    }
}

/// The work on one batch. Only one batch is processed at a time, so the namer, the one piece
/// of state that runs across batches, is never used by two threads at once.
private final class BatchWork: @unchecked Sendable {
    let normalizer: Normalizer
    let renderer: Renderer
    private var namer: ConnectionNamer

    init(normalizer: Normalizer, renderer: Renderer) {
        self.normalizer = normalizer
        self.renderer = renderer
        namer = ConnectionNamer(firstInterfaceId: normalizer.options.firstInterfaceId)
    }

    func process(_ batch: [ReadItem], into outcomes: OutcomeBuffer) {
        let normalized = UnnamedBuffer(count: batch.count)
        DispatchQueue.concurrentPerform(iterations: batch.count) { index in
            let diagnostics = DiagnosticCollector()
            normalized.store(
                Result { (try normalizer.normalizeUnnamed(batch[index].decoded(), diagnostics: diagnostics), diagnostics) },
                at: index)
        }
        // Names in input order; nothing after the first failure is named or rendered, since
        // the run ends there.
        var namedSoFar: [(peer: PeerConnection, diagnostics: DiagnosticCollector)] = []
        for index in 0..<batch.count {
            switch normalized.take(index) {
            case .success(let (normalizedPeer, diagnostics)):
                var unnamed = normalizedPeer
                unnamed.assignNames(with: &namer)
                namedSoFar.append((unnamed.peer, diagnostics))
            case .failure(let error):
                outcomes.store(.failure(error), at: index)
            }
            if namedSoFar.count <= index { break }
        }
        let named = namedSoFar
        DispatchQueue.concurrentPerform(iterations: named.count) { index in
            let (peer, diagnostics) = named[index]
            outcomes.store(Result { (try renderer.parts(for: peer, diagnostics: diagnostics), diagnostics.diagnostics) }, at: index)
        }
    }
}

/// Slots each written by exactly one thread, read after all writers have finished.
private final class Slots<Value>: @unchecked Sendable {
    private var slots: UnsafeMutableBufferPointer<Value?>

    init(count: Int) {
        slots = .allocate(capacity: count)
        slots.initialize(repeating: nil)
    }

    deinit {
        slots.deinitialize()
        slots.deallocate()
    }

    func store(_ value: Value, at index: Int) {
        slots[index] = value
    }

    func take(_ index: Int) -> Value {
        defer { slots[index] = nil }
        return slots[index]!
    }

    /// The filled slots, in order, up to the first empty one.
    func filled() -> [Value] {
        var values: [Value] = []
        for slot in slots {
            guard let slot else { break }
            values.append(slot)
        }
        return values
    }
}

private typealias UnnamedBuffer = Slots<Result<(Normalizer.UnnamedPeer, DiagnosticCollector), Error>>

private final class OutcomeBuffer: @unchecked Sendable {
    private let slots: Slots<ParallelStages.Outcome>

    init(count: Int) {
        slots = Slots(count: count)
    }

    func store(_ outcome: ParallelStages.Outcome, at index: Int) {
        slots.store(outcome, at: index)
    }

    /// The outcomes in order, ending at the first failure.
    func all() -> [ParallelStages.Outcome] {
        slots.filled()
    }
}
