import Foundation

/// The kind of file system a folder is on, for the benchmark's header: creating thousands of files costs
/// very differently on a disk file system and in memory.
enum FileSystemKind {
    /// `stat -f -c %T PATH` ("ext2/ext3", "tmpfs", ...), or "unknown file system".
    static func name(of path: String) -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/stat")
        process.arguments = ["-f", "-c", "%T", path]
        let output = Pipe()
        process.standardOutput = output
        guard (try? process.run()) != nil else { return "unknown file system" }
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let name = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return process.terminationStatus == 0 && !name.isEmpty ? name : "unknown file system"
    }
}
