import Foundation
import FuzzDriver
import BackPlanCore

/// libFuzzer's entry: one catalog file. Every input must end in a catalog or an `InputError`, never a crash or a hang.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCatalog(_ start: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: start, count: count), as: UTF8.self)
    _ = try? Catalog(yaml: text, file: "fuzz.yaml")
    return 0
}

// libFuzzer's driver, started with this target's entry (`swift build` gives the program its own main).
var arguments = CommandLine.argc
var values: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&arguments, &values) { data, size in fuzzCatalog(data!, size) })
