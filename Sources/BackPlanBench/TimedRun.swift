import Foundation

/// One `backplan batch` run under `/usr/bin/time -v`: its wall time and peak memory.
struct TimedRun {
    var seconds: Double
    /// Maximum resident set size in KiB, as GNU time reports it.
    var peakKiB: Int
    /// User plus system CPU seconds: with other work on the machine, wall time alone hides what a plan costs.
    var cpuSeconds: Double

    /// The fastest run, with the highest peak memory of all of them (memory must not depend on luck).
    static func fastest(of runs: [TimedRun]) -> TimedRun {
        var best = runs.min { $0.seconds < $1.seconds }!
        best.peakKiB = runs.map(\.peakKiB).max()!
        return best
    }

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
        func value(_ label: String) throws -> String {
            guard let line = report.split(separator: "\n").first(where: { $0.contains(label) }),
                  let text = line.split(separator: ":").last?.trimmingCharacters(in: .whitespaces)
            else { throw BenchError("no '\(label)' in the report of /usr/bin/time (install Debian's `time` package)") }
            return text
        }
        guard let kib = Int(try value("Maximum resident set size")),
              let user = Double(try value("User time (seconds)")), let system = Double(try value("System time (seconds)"))
        else { throw BenchError("unreadable report of /usr/bin/time:\n\(report)") }
        let (whole, fraction) = elapsed.components
        return TimedRun(seconds: Double(whole) + Double(fraction) / 1e18, peakKiB: kib, cpuSeconds: user + system)
    }
}
