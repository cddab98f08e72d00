import Foundation

/// An aiosmtpd server on 127.0.0.1 and a free port, run by `inspect_output.py smtp-sink`; it saves what it receives.
///
/// The server picks its own port and prints it, so parallel tests cannot
/// race for one. `stop()` closes its input, which ends it; `deinit` does too
/// if a test stops early.
final class SMTPSink {
    let port: Int
    /// Where `message-N.eml` and `message-N.json` (envelope sender and recipients) land.
    let folder: URL
    private let process: Process
    /// Closing it tells the server to stop (a signal may be blocked in a child of the test runner).
    private let input = Pipe()

    init(folder: URL) throws {
        self.folder = folder
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", PythonInspector.script.path, "smtp-sink", folder.path]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        process.standardInput = input
        try process.run()
        var printed = Data()
        while !printed.contains(0x0A) {
            let chunk = out.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            printed += chunk
        }
        guard let port = Int(String(decoding: printed, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)) else {
            try? input.fileHandleForWriting.close()
            process.waitUntilExit()
            throw CocoaError(.fileReadCorruptFile, userInfo: [NSLocalizedDescriptionKey: "the SMTP server did not print its port"])
        }
        self.port = port
    }

    /// Stops the server and waits for it to exit.
    func stop() {
        guard process.isRunning else { return }
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
    }

    deinit { stop() }

    /// The names of the saved messages, sorted.
    var messages: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasSuffix(".eml") }.sorted()
    }
}
