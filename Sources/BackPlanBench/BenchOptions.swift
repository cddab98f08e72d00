import Foundation

/// The command line of `backplan-bench`: `[--sizes 1000,10000] [--jobs N] [--repeat N] [--backplan PATH] [--work DIR]`.
struct BenchOptions {
    var sizes = [1000, 10000]
    var jobs = 2
    /// Each measurement is taken this many times and the fastest kept, for the pipeline and the floor alike.
    var repeats = 5
    var backplan: String
    var workFolder = FileManager.default.temporaryDirectory.appendingPathComponent("backplan-bench").path

    init(arguments: [String]) throws {
        let ownFolder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        backplan = ownFolder.appendingPathComponent("backplan").path
        var rest = arguments[...]
        while let flag = rest.popFirst() {
            guard let value = rest.popFirst() else { throw BenchError("\(flag) needs a value") }
            switch flag {
            case "--sizes": sizes = value.split(separator: ",").compactMap { Int($0) }
            case "--jobs": jobs = Int(value) ?? jobs
            case "--repeat": repeats = max(1, Int(value) ?? repeats)
            case "--backplan": backplan = value
            case "--work": workFolder = value
            default: throw BenchError("unknown option \(flag); expected --sizes, --jobs, --repeat, --backplan or --work")
            }
        }
        guard !sizes.isEmpty, sizes.allSatisfy({ $0 > 0 }) else { throw BenchError("--sizes needs positive numbers such as 1000,10000") }
    }
}

/// A failure of the benchmark tool itself.
struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
