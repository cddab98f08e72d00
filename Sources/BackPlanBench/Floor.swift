import BackPlanRender
import Foundation

/// libcmark alone on the plans' Markdown, in this process, one document after another.
///
/// The floor is libcmark as it comes, with its own allocator (`.library`);
/// measured with BackPlan's arena (`.arena`) it shows what the conversion
/// inside `batch` costs.
enum Floor {
    /// Converts `folder/<person>/plan.md` for every person; returns the seconds spent inside the conversions only.
    static func measure(folder: URL, count: Int, memory: CommonMark.Memory = .library) throws -> Double {
        let people = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        guard people.count == count else { throw BenchError("expected \(count) plans in \(folder.path), found \(people.count)") }
        let clock = ContinuousClock()
        var total = Duration.zero
        var bytes = 0
        for person in people {
            let markdown = [UInt8](try Data(contentsOf: folder.appendingPathComponent("\(person)/plan.md")))
            let start = clock.now
            let html = CommonMark.htmlUTF8(fromMarkdown: markdown, memory: memory)
            total += clock.now - start
            bytes += html.count
        }
        precondition(bytes > 0, "libcmark produced no HTML")
        let (whole, fraction) = total.components
        return Double(whole) + Double(fraction) / 1e18
    }
}
