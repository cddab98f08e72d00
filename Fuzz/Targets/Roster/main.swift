import BackPlanCore
import BackPlanPublish
import Foundation
import FuzzDriver

/// Where each input is written: the roster reader reads a file, as `batch` does.
private let folder: String = {
    let base = ProcessInfo.processInfo.environment["TMPDIR"] ?? "/tmp"
    let path = "\(base)/backplan-fuzz-roster-\(getpid())"
    mkdir(path, 0o700)
    return path
}()

/// libFuzzer's entry: one roster, CSV when its first byte is even, else YAML (the byte is dropped).
/// Every row must end in a person or an error, never a crash or a hang.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRoster(_ start: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    guard count > 0 else { return 0 }
    let path = folder + (start[0] % 2 == 0 ? "/roster.csv" : "/roster.yaml")
    let bytes = UnsafeBufferPointer(start: start + 1, count: count - 1)
    guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else { return 0 }
    defer { unlink(path) }
    guard let reader = try? RosterReader(path: path, shard: .all) else { return 0 }
    var rows = 0
    while rows < 10_000, let row = try? reader.next() {
        _ = row
        rows += 1
    }
    return 0
}

// libFuzzer's driver, started with this target's entry (`swift build` gives the program its own main).
var arguments = CommandLine.argc
var values: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&arguments, &values) { data, size in fuzzRoster(data!, size) })
