import Foundation

/// One `backplan batch` run under `/usr/bin/time -v`: its wall time and peak memory.
struct TimedRun {
    var seconds: Double
    /// Maximum resident set size in KiB, as GNU time reports it.
    var peakKiB: Int

    static func batch(_ backplan: String, roster: String, output: String, jobs: Int) throws -> TimedRun {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/time")
        process.arguments = ["-v", backplan, "batch", roster, "--output", output, "--format", "md,html", "--jobs", String(jobs), "--quiet"]
        let errors = Pipe()
        process.standardError = errors
        let clock = ContinuousClock()
        let start = clock.now
        try process.run()
        let report = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let elapsed = clock.now - start
        guard process.terminationStatus == 0 else { throw BenchError("backplan batch failed:\n\(report)") }
        guard let line = report.split(separator: "\n").first(where: { $0.contains("Maximum resident set size") }),
              let kib = Int(line.split(separator: ":").last?.trimmingCharacters(in: .whitespaces) ?? "")
        else { throw BenchError("no peak memory in the report of /usr/bin/time (install Debian's `time` package)") }
        let (whole, fraction) = elapsed.components
        return TimedRun(seconds: Double(whole) + Double(fraction) / 1e18, peakKiB: kib)
    }
}
