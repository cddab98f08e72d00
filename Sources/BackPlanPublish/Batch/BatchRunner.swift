import BackPlanCore
import Foundation

/// Writes the plans of a whole roster, several rows at once, and reports the rows in roster order.
///
/// The pipeline is bounded at both ends: one task reads rows and hands them,
/// a chunk at a time, to child tasks, never more than `jobs` running, with
/// the next chunk read ahead; finished rows wait for earlier ones only within
/// a window of `4 × jobs × largestChunk` rows. So a run holds at most `jobs`
/// plans and a bounded number of rows and results at any moment, whatever the
/// roster's length, and what is reported never depends on scheduling.
///
/// Chunks exist because handing over work wakes a thread, which costs a
/// sizeable part of a plan: a chunk of rows pays that once. A chunk holds one row for
/// every `2 × jobs` rows read so far, at least one and at most `largestChunk`,
/// so the first rows, and all of a short roster, spread over every worker.
public struct BatchRunner: Sendable {
    public let publisher: PlanPublisher
    public let settings: BatchSettings

    /// The most rows one child task plans, one after another.
    static let largestChunk = 16

    /// Rows reported between two requests to flush the file system while the run goes on (`BackgroundFlush`).
    ///
    /// Each flush writes some of the same blocks again (the output folder's,
    /// the file system's maps of free space), so flushing too often undoes the
    /// gain; docs/benchmarks.md has the measurements behind this value.
    static let rowsPerFlush = 256

    public init(publisher: PlanPublisher, settings: BatchSettings) {
        self.publisher = publisher
        self.settings = settings
    }

    /// The number of rows this run will report, read in a first pass over the roster (for a progress bar).
    ///
    /// - Throws: the errors of `run(roster:report:)` about the file itself.
    public func rowCount(roster: String) throws -> Int {
        try RosterReader.count(path: roster, shard: settings.shard)
    }

    /// Plans and writes every row of the roster's shard; calls `report` once per row, in row order.
    ///
    /// A bad row is reported as failed and the others go on.
    ///
    /// - Throws: `PublishError` or `InputError` when the roster itself cannot be read
    ///   (missing file, bad header), rows already started being finished first;
    ///   `PublishError` when the written files cannot be flushed to the disk.
    public func run(roster: String, report: (BatchRowResult, BatchSummary) -> Void) async throws -> BatchSummary {
        let clock = ContinuousClock()
        let start = clock.now
        let reader = try RosterReader(path: roster, shard: settings.shard)
        // What a killed run left (temporary files of processes gone, empty person folders) goes before the rows.
        if settings.skipExisting { OutputFolder(path: settings.output).removeLeftovers() }
        let job = BatchJob(
            publisher: publisher, settings: settings,
            inputsModified: settings.skipExisting ? try newestModification(of: [roster] + settings.inputFiles) : nil)
        let jobs = settings.jobs
        let window = jobs * 4 * Self.largestChunk
        var summary = BatchSummary()
        var finished: [Int: BatchRowResult] = [:]
        var nextToReport = 0
        var nextToStart = 0
        var readError: PublishError?
        // Rows sent by mail are each flushed as they are written; the others are flushed on the way.
        let flush = settings.durability == .deferred ? BackgroundFlush(folder: job.output.url) : nil

        await withTaskGroup(of: [(Int, BatchRowResult)].self) { group in
            func deliver(_ results: [(Int, BatchRowResult)]) {
                for (sequence, result) in results { finished[sequence] = Self.stoppedIfInterrupted(result) }
                while let result = finished.removeValue(forKey: nextToReport) {
                    nextToReport += 1
                    summary.count(result.outcome)
                    if nextToReport % Self.rowsPerFlush == 0 { flush?.request() }
                    summary.elapsed = clock.now - start
                    report(result, summary)
                }
            }
            var endOfRoster = false
            /// The next rows, numbered in roster order: one for every `2 × jobs` read so far (1...`largestChunk`), fewer at the end.
            func readChunk() -> [(Int, RosterRow)] {
                let chunkSize = min(max(1, nextToStart / (2 * jobs)), Self.largestChunk)
                var chunk: [(Int, RosterRow)] = []
                chunk.reserveCapacity(chunkSize)
                while chunk.count < chunkSize, !endOfRoster {
                    do throws(PublishError) {
                        if let row = try reader.next() {
                            chunk.append((nextToStart, row))
                            nextToStart += 1
                        } else {
                            endOfRoster = true
                        }
                    } catch {
                        readError = error
                        endOfRoster = true
                    }
                }
                return chunk
            }
            var running = 0
            // The next chunk is read while the workers run, so a worker that finishes gets one at once.
            var chunk = readChunk()
            // After SIGINT or SIGTERM no row is started; those under way end (their helpers killed).
            while !chunk.isEmpty, Interruption.shared.signal == nil {
                while running >= jobs || nextToStart - nextToReport >= window, let results = await group.next() {
                    running -= 1
                    deliver(results)
                }
                let rows = chunk
                if job.waitsOnChildren {
                    group.addTask { await BlockingWork.run("backplan.batch-row") { rows.map { ($0.0, job.run($0.1, rosterFile: roster)) } } }
                } else {
                    group.addTask { rows.map { ($0.0, job.run($0.1, rosterFile: roster)) } }
                }
                running += 1
                chunk = readChunk()
            }
            for await results in group {
                deliver(results)
            }
        }
        // Rows were written without waiting for the disk (flushes ran in the background
        // while the rows were planned): a last flush here makes a finished run mean every
        // file is on the disk, also the rows written before the roster became unreadable.
        let flushed = Result { () throws(PublishError) in
            if let flush { try flush.finish() } else { try AtomicFile.syncFileSystem(of: job.output.url) }
        }
        if let readError { throw readError }
        _ = try flushed.get()
        summary.elapsed = clock.now - start
        summary.interruptedBy = Interruption.shared.signal
        return summary
    }

    /// A row that failed once SIGINT or SIGTERM had come failed because its helper was killed: stopped, not failed.
    static func stoppedIfInterrupted(_ result: BatchRowResult) -> BatchRowResult {
        guard case .failed(let message) = result.outcome, let signal = Interruption.shared.signal else { return result }
        var stopped = result
        stopped.outcome = .stopped("\(message) (\(Interruption.name(of: signal)) stopped the run)")
        return stopped
    }

    /// The newest modification time of `paths`; a folder counts with the files directly inside it.
    private func newestModification(of paths: [String]) throws(PublishError) -> Date {
        var newest = Date.distantPast
        let files = FileManager.default
        for path in paths {
            var isDirectory: ObjCBool = false
            guard files.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw PublishError(path: path, problem: .cannotRead("no such file or folder"))
            }
            var members = [path]
            if isDirectory.boolValue {
                members += ((try? files.contentsOfDirectory(atPath: path)) ?? []).map { "\(path)/\($0)" }
            }
            for member in members {
                if let date = (try? files.attributesOfItem(atPath: member))?[.modificationDate] as? Date, date > newest {
                    newest = date
                }
            }
        }
        return newest
    }
}
