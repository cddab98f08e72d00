import Foundation
import Testing

/// Odd command-line values and hostile text in input files give plain, safe messages.
@Suite("Odd options and control characters in messages")
struct CommandInputTests {
    @Test("a negative or overlong --seed says what a seed is", arguments: ["-1", "18446744073709551616", "abc"])
    func badSeed(seed: String) throws {
        let scratch = try ScratchFolder()
        let result = try Backplan.run(["plan", "--seed", seed], in: scratch.url)
        #expect(result.status == 64)
        #expect(result.stderr.hasPrefix("Error: The value '\(seed)' is invalid for '--seed <seed>': expected a whole number from 0 to 18446744073709551615\n"), "\(result.stderr)")
    }

    @Test("control characters from a preferences file or roster are shown escaped, never sent to the terminal")
    func controlCharacters() throws {
        let scratch = try ScratchFolder()
        try scratch.write("zoe.yaml", "name: Zoe\nareas: [\"ne\\e[2Jck\\r\"]\n")
        let plan = try Backplan.run(["plan", "zoe.yaml"], in: scratch.url)
        #expect(plan.status == 1)
        #expect(plan.stderr.contains("'ne\\u{1B}[2Jck\\r' is not allowed"), "\(plan.stderr)")
        try scratch.write("roster.csv", "name,areas\nAnn,\"ne\u{1B}]0 owned\u{07}ck\"\n")
        let batch = try Backplan.run(["batch", "roster.csv", "--quiet"], in: scratch.url)
        #expect(batch.status == 1)
        #expect(batch.stderr == "roster.csv:2: areas: 'ne\\u{1B}]0 owned\\u{7}ck' is not allowed; expected one of: neck, shoulders, upper-back, mid-back, lower-back, chest\n")
        for text in [plan.stderr, batch.stderr] {
            #expect(!text.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" }, "no raw control character")
        }
    }
}
