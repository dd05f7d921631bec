import Dispatch
import Synchronization

/// The one way connections go through the stages after reading, for every caller (generating,
/// checking, the library's model API): each item is *prepared* on every core (decoded, checked,
/// normalized), *sequenced* in input order (named and compared with the connections before it:
/// that depends on what came first), then *finished* on every core (rendered), while the caller
/// goes on reading the next batch. Results come back in input order, so output bytes, names
/// and messages never depend on scheduling. An item that fails at any stage yields its error
/// in its place; the others go on, so a run can report every connection's errors.
///
/// A batch is processed in the background while the caller reads the next; only one batch is
/// processed at a time, so `sequence` is never called by two threads at once. A run smaller
/// than one batch runs on the caller's thread.
final class ParallelStages<Prepared: Sendable, Sequenced: Sendable, Output: Sendable> {
    typealias Outcome = Result<Output, any Error>

    struct Stages: Sendable {
        var prepare: @Sendable (ReadItem) throws -> Prepared
        var sequence: @Sendable (Prepared) throws -> Sequenced
        var finish: @Sendable (Sequenced) throws -> Output
    }

    private let stages: Stages
    private let batchSize: Int
    private var pending: [ReadItem] = []
    private var inFlight: (group: DispatchGroup, outcomes: Slots<Outcome>)?

    init(_ stages: Stages, batchSize: Int = 256) {
        self.stages = stages
        self.batchSize = batchSize
    }

    /// Queues `item`; returns the outcomes of the batch before, once a new batch starts.
    func submit(_ item: ReadItem) -> [Outcome] {
        pending.append(item)
        guard pending.count == batchSize else { return [] }
        let finished = collectInFlight()
        let batch = pending
        pending = []
        let outcomes = Slots<Outcome>(count: batch.count)
        let group = DispatchGroup()
        let stages = self.stages
        DispatchQueue.global().async(group: group) { Self.process(batch, stages, into: outcomes) }
        inFlight = (group, outcomes)
        return finished
    }

    /// Every outcome not handed back yet, in input order.
    func finish() -> [Outcome] {
        let finished = collectInFlight()
        let outcomes = Slots<Outcome>(count: pending.count)
        Self.process(pending, stages, into: outcomes)
        pending = []
        return finished + outcomes.values()
    }

    private func collectInFlight() -> [Outcome] {
        guard let (group, outcomes) = inFlight else { return [] }
        group.wait()
        inFlight = nil
        return outcomes.values()
    }

    private static func process(_ batch: [ReadItem], _ stages: Stages, into outcomes: Slots<Outcome>) {
        let prepared = Slots<Result<Prepared, any Error>>(count: batch.count)
        DispatchQueue.concurrentPerform(iterations: batch.count) { index in
            prepared.store(Result { try stages.prepare(batch[index]) }, at: index)
        }
        let sequenced = prepared.values().map { result in result.flatMap { value in Result { try stages.sequence(value) } } }
        DispatchQueue.concurrentPerform(iterations: batch.count) { index in
            outcomes.store(sequenced[index].flatMap { value in Result { try stages.finish(value) } }, at: index)
        }
    }
}

/// One value per index, each stored by exactly one thread and read once all have finished.
private final class Slots<Value: Sendable>: Sendable {
    private let slots: Mutex<[Value?]>

    init(count: Int) {
        slots = Mutex(Array(repeating: nil, count: count))
    }

    func store(_ value: Value, at index: Int) {
        slots.withLock { $0[index] = value }
    }

    /// Every value, in order.
    func values() -> [Value] {
        slots.withLock { $0.map { $0! } }
    }
}
