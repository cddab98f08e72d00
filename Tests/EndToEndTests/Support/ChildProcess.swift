import Foundation

/// Runs a program and collects its status and output: the one place the tests start processes.
enum ChildProcess {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs `executable arguments...`, feeding `stdin`, and waits for it.
    ///
    /// Both pipes are drained at once, so a child writing much to either cannot block.
    static func run(_ executable: URL, _ arguments: [String], in directory: URL? = nil, stdin: String? = nil,
                    environment: [String: String]? = nil) throws -> Result {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        if let environment { process.environment = environment }
        let out = Pipe(), err = Pipe(), input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        let errors = DataBox()
        // Signalled after the data is stored: waiting on it orders that write before the read below
        // (polling `Thread.isFinished` did not, and ThreadSanitizer reported the race).
        let read = DispatchSemaphore(value: 0)
        let reader = Thread {
            errors.data = err.fileHandleForReading.readDataToEndOfFile()
            read.signal()
        }
        reader.start()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        read.wait()
        return Result(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errors.data, as: UTF8.self))
    }

    /// Runs a program found on the PATH.
    static func run(tool: String, _ arguments: [String]) throws -> Result {
        try run(URL(fileURLWithPath: "/usr/bin/env"), [tool] + arguments)
    }
}

/// Holds what a reader thread read; the thread signals a semaphore once it is stored, and the value is used after the wait.
final class DataBox: @unchecked Sendable {
    var data = Data()
}
