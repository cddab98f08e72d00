import Foundation
import Testing

/// Input files are checked with stat before they are read: a huge file or a FIFO is refused at once.
@Suite("Input size limits and file types")
struct InputLimitsTests {
    @Test("a 3 GB preferences file is refused without being read", arguments: [("prefs.yaml", ["plan", "prefs.yaml"]), ("catalog.yaml", ["plan", "--catalog", "catalog.yaml"]), ("roster.yaml", ["batch", "roster.yaml"])])
    func hugeFile(name: String, arguments: [String]) throws {
        let scratch = try ScratchFolder()
        let file = scratch.url.appendingPathComponent(name)
        try #require(FileManager.default.createFile(atPath: file.path, contents: nil))
        let handle = try FileHandle(forWritingTo: file)
        try handle.truncate(atOffset: 3 << 30)
        try handle.close()
        let clock = ContinuousClock()
        let start = clock.now
        let result = try Backplan.run(arguments, in: scratch.url)
        #expect(clock.now - start < .seconds(20))
        #expect(result.status != 0)
        #expect(result.stderr.contains("\(name): cannot read: it is 3072.0 MB, more than the limit of"), "\(result.stderr)")
    }

    @Test("a FIFO given as an input file is not a regular file, and nothing waits on it", arguments: [("prefs.yaml", ["plan", "prefs.yaml"]), ("roster.csv", ["batch", "roster.csv"]), ("catalog.yaml", ["plan", "--catalog", "catalog.yaml"])])
    func fifo(name: String, arguments: [String]) throws {
        let scratch = try ScratchFolder()
        let path = scratch.url.appendingPathComponent(name).path
        try #require(mkfifo(path, 0o644) == 0)
        // Should backplan open the FIFO again, a writer that opens and closes it ends its read: the test fails, never hangs.
        let unblocker = Thread {
            for _ in 0..<1000 {
                let descriptor = open(path, O_WRONLY | O_NONBLOCK)
                if descriptor >= 0 { close(descriptor); return }
                usleep(10_000)
            }
        }
        unblocker.start()
        let clock = ContinuousClock()
        let start = clock.now
        let result = try Backplan.run(arguments + ["--output", "out"], in: scratch.url)
        #expect(clock.now - start < .seconds(20))
        #expect(result.status != 0)
        #expect(result.stderr.contains("\(name): cannot read: it is not a regular file (a FIFO, device or socket)"), "\(result.stderr)")
    }
}
