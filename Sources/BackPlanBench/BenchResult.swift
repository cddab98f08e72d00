import Foundation

/// The figures of one roster size, printed as one row of the table.
struct BenchResult {
    var size: Int
    var jobs: Int
    var single: TimedRun
    var parallel: TimedRun
    /// Seconds libcmark alone took for the same documents, with its own allocator: the floor.
    var floor: Double
    /// The same with BackPlan's arena for libcmark's memory, as `batch` converts.
    var arenaFloor: Double
    /// Each round's floor seconds over its pipeline seconds with `jobs` workers, in round order.
    var roundRatios: [Double]

    static let header = "plans     jobs=1 plans/s  jobs=N plans/s  speed-up  floor docs/s  arena docs/s  ratio(N)/floor  rounds N/floor (median)  ratio(1)/floor  CPU ms/plan 1 / N  peak RSS 1 / N"

    var row: String {
        let singleRate = Double(size) / single.seconds
        let parallelRate = Double(size) / parallel.seconds
        let floorRate = Double(size) / floor
        return [
            pad(String(size), 10), pad(fixed(singleRate, 0), 16), pad(fixed(parallelRate, 0), 16),
            pad(fixed(parallelRate / singleRate, 2) + "x", 10), pad(fixed(floorRate, 0), 14),
            pad(fixed(Double(size) / arenaFloor, 0), 14),
            pad(fixed(parallelRate / floorRate, 2), 16),
            pad(fixed(roundRatios.min()!, 2) + "-" + fixed(roundRatios.max()!, 2) + " (" + fixed(median(roundRatios), 2) + ")", 25),
            pad(fixed(singleRate / floorRate, 2), 16),
            pad(fixed(single.cpuSeconds * 1000 / Double(size), 2) + " / " + fixed(parallel.cpuSeconds * 1000 / Double(size), 2), 19),
            "\(single.peakKiB / 1024) MiB / \(parallel.peakKiB / 1024) MiB",
        ].joined()
    }

    /// The middle value; the mean of the two middle ones for an even count.
    func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }

    private func fixed(_ value: Double, _ digits: Int) -> String { String(format: "%.\(digits)f", value) }
    private func pad(_ text: String, _ width: Int) -> String { text.padding(toLength: max(width, text.count + 1), withPad: " ", startingAt: 0) }
}
