import Foundation
import Testing

@Suite("backplan --version")
struct VersionTests {
    /// `backplan 0.1.0 (libcmark 0.30.2)`: the release and the libcmark version.
    static func versions() throws -> (release: Substring, libcmark: Substring) {
        let scratch = try ScratchFolder()
        let result = try Backplan.run(["--version"], in: scratch.url)
        #expect(result.status == 0, "\(result.stderr)")
        let match = try #require(result.stdout.wholeMatch(of: /backplan (\d+\.\d+\.\d+) \(libcmark (\d+\.\d+\.\d+)\)\n/),
                                 "stdout: \(result.stdout)")
        return (match.output.1, match.output.2)
    }

    @Test("--version prints the release and the libcmark it runs with")
    func version() throws {
        _ = try Self.versions()
    }

    @Test("the libcmark version is the one Debian's cmark tool reports", .enabled(if: toolExists("cmark"), "needs the cmark tool (apt-get install cmark)"))
    func sameLibcmark() throws {
        let libcmark = try Self.versions().libcmark
        // The cmark tool is built from the same source as the library: `cmark 0.30.2 - CommonMark converter`.
        let reference = try ChildProcess.run(tool: "cmark", ["--version"])
        #expect(reference.stdout.hasPrefix("cmark \(libcmark) "), "cmark --version: \(reference.stdout)")
    }
}
