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
}
