import Foundation
import FuzzDriver
import BackPlanRender

/// libFuzzer's entry: one template, compiled as a user's `plan.md.mustache` override (with the
/// partial checks and the plan model's field check), then rendered with a small context.
/// Every input must end in text or a `TemplateError`, never a crash or a hang.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTemplates(_ start: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: start, count: count), as: UTF8.self)
    for name in ["plan.md.mustache", "fuzz-page.html.mustache"] {
        let overrides = [name: (text: text, path: "templates/\(name)"), "fuzz-partial.md.mustache": (text: text, path: "templates/fuzz-partial.md.mustache")]
        guard let set = try? TemplateSet(overrides: overrides) else { continue }
        let context: TemplateValue = ["name": "Zoe <b>", "items": [["x": 1], ["x": true]], "flag": false]
        _ = try? set.render(String(name.dropLast(".mustache".count)), context)
    }
    return 0
}

// libFuzzer's driver, started with this target's entry (`swift build` gives the program its own main).
var arguments = CommandLine.argc
var values: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&arguments, &values) { data, size in fuzzTemplates(data!, size) })
