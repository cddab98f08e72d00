import Foundation

/// A web server on 127.0.0.1 (Python's http.server) that counts the requests it gets, to prove nothing was fetched.
final class RequestCounter {
    let port: Int
    private let process: Process
    private let log: URL

    init(in folder: URL) throws {
        log = folder.appendingPathComponent("requests.log")
        let script = """
            import http.server, sys
            log = open(sys.argv[1], "a", buffering=1)
            class Handler(http.server.BaseHTTPRequestHandler):
                def do_GET(self):
                    log.write(self.path + "\\n")
                    self.send_response(404); self.end_headers()
                def log_message(self, *args): pass
            server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
            open(sys.argv[2], "w").write(str(server.server_address[1]))
            server.serve_forever()
            """
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        let portFile = folder.appendingPathComponent("port")
        process.arguments = ["python3", "-c", script, log.path, portFile.path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        var port = 0
        for _ in 0..<500 where port == 0 {
            port = Int((try? String(contentsOf: portFile, encoding: .utf8)) ?? "") ?? 0
            if port == 0 { usleep(20_000) }
        }
        self.port = port
    }

    /// The paths asked for so far.
    var requests: [String] {
        ((try? String(contentsOf: log, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
    }

    deinit {
        // SIGKILL: the test runner may leave SIGTERM ignored in its children.
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }
}
