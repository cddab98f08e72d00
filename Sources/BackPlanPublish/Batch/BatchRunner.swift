import BackPlanCore
import Foundation

/// Writes the plans of a whole roster, several rows at once, and reports the rows in roster order.
///
/// The pipeline is bounded at both ends: one task reads rows and hands each
/// to a child task, never more than `jobs` running; finished rows wait for
/// earlier ones only within a window of `4 × jobs` rows. So a run holds a
/// handful of rows and plans at any moment, whatever the roster's length, and
/// what is reported never depends on scheduling.
public struct BatchRunner: Sendable {
    public let publisher: PlanPublisher
    public let settings: BatchSettings

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
        let job = BatchJob(
            publisher: publisher, settings: settings,
            inputsModified: settings.skipExisting ? try newestModification(of: [roster] + settings.inputFiles) : nil)
        let jobs = settings.jobs
        let window = jobs * 4
        var summary = BatchSummary()
        var finished: [Int: BatchRowResult] = [:]
        var nextToReport = 0
        var nextToStart = 0
        var readError: PublishError?

        await withTaskGroup(of: (Int, BatchRowResult).self) { group in
            func deliver(_ sequence: Int, _ result: BatchRowResult) {
                finished[sequence] = result
                while let result = finished.removeValue(forKey: nextToReport) {
                    nextToReport += 1
                    summary.count(result.outcome)
                    summary.elapsed = clock.now - start
                    report(result, summary)
                }
            }
            var running = 0
            while true {
                while running >= jobs || nextToStart - nextToReport >= window, let (sequence, result) = await group.next() {
                    running -= 1
                    deliver(sequence, result)
                }
                let row: RosterRow?
                do throws(PublishError) {
                    row = try reader.next()
                } catch {
                    readError = error
                    break
                }
                guard let row else { break }
                let sequence = nextToStart
                nextToStart += 1
                running += 1
                group.addTask { (sequence, job.run(row, rosterFile: roster)) }
            }
            for await (sequence, result) in group {
                deliver(sequence, result)
            }
        }
        // Rows were written without waiting for the disk: one flush here makes a
        // finished run mean every file is on the disk, also the rows written
        // before the roster became unreadable.
        let flushed = Result { () throws(PublishError) in try AtomicFile.syncFileSystem(of: job.output.url) }
        if let readError { throw readError }
        try flushed.get()
        summary.elapsed = clock.now - start
        return summary
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
