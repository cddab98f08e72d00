import Foundation
import BackPlanRender

#if canImport(Glibc)
import Glibc
#endif

/// Why a DevTools command got no answer it could use.
package enum DevToolsError: Error, Equatable, Sendable, CustomStringConvertible {
    /// No reply (or event) came before the deadline.
    case timedOut(String)
    /// The browser closed its end of the pipe: it exited or crashed.
    case browserGone(String)
    /// The browser answered with an error.
    case failed(String, message: String)

    package var description: String {
        switch self {
        case .timedOut(let what): "\(what) did not finish in time"
        case .browserGone(let why): why
        case let .failed(method, message): "\(method) failed: \(message)"
        }
    }
}

/// Chromium's DevTools protocol over `--remote-debugging-pipe`: JSON messages separated by NUL bytes,
/// commands written to the browser's fd 3, replies and events read from its fd 4.
///
/// A reader thread of its own parses every message and routes replies by `id`
/// (unique on the pipe, and checked to come from the session the command went
/// to) to the thread waiting for them, and events of watched sessions into a
/// queue per session; callers block on one condition until their answer, the
/// deadline or the end of the pipe. Callers are threads of their own, never
/// the concurrency pool's (`BlockingWork`).
///
/// `@unchecked Sendable`: every mutable property is read and written only
/// with `state` locked; the file descriptors are constants, writes are
/// serialised by the lock `toBrowser` is held under, and only the reader thread (`BlockingWork`) reads.
package final class DevToolsPipe: @unchecked Sendable {
    /// One message, parsed.
    package typealias Message = [String: Any]

    /// The pipe's write end, held under its lock so that two messages never interleave on the pipe.
    private let toBrowser: Locked<Int32>
    private let fromBrowser: Int32
    // Guards everything below.
    private let state = NSCondition()
    private var nextID = 1
    /// Commands waiting for their reply: id, and the session it was sent to ("" for the browser).
    private var waiting: [Int: String] = [:]
    private var replies: [Int: Message] = [:]
    private var watched: [String: [Message]] = [:]
    private var gone: String?
    private var readerEnded = false

    /// Takes ownership of both descriptors; starts the reader thread.
    package init(toBrowser: Int32, fromBrowser: Int32) {
        self.toBrowser = Locked(toBrowser)
        self.fromBrowser = fromBrowser
        BlockingWork.start("backplan.devtools") { [self] in read() }
    }

    deinit {
        toBrowser.withLock { _ = close($0) }
        close(fromBrowser)
    }

    /// Sends `method` and waits for its result until `deadline`.
    ///
    /// - Throws: `DevToolsError` for an error reply, no reply in time, or a browser that went away.
    @discardableResult
    package func call(_ method: String, _ params: Message = [:], session: String? = nil, deadline: Date) throws(DevToolsError) -> Message {
        state.lock()
        if let gone { state.unlock(); throw .browserGone(gone) }
        let id = nextID
        nextID += 1
        waiting[id] = session ?? ""
        state.unlock()
        var message: Message = ["id": id, "method": method, "params": params]
        if let session { message["sessionId"] = session }
        do {
            try send(message)
        } catch {
            state.lock()
            waiting[id] = nil
            state.unlock()
            throw error
        }
        state.lock()
        defer { state.unlock() }
        while replies[id] == nil && gone == nil {
            if !state.wait(until: deadline) && replies[id] == nil { break }
        }
        waiting[id] = nil
        guard let reply = replies.removeValue(forKey: id) else {
            if let gone { throw .browserGone(gone) }
            throw .timedOut(method)
        }
        if let error = reply["error"] as? Message {
            throw .failed(method, message: error["message"] as? String ?? "\(error)")
        }
        return reply["result"] as? Message ?? [:]
    }

    /// Starts keeping the events of `session` (until `unwatch`), so none is missed between a command and the wait for its event.
    package func watch(_ session: String) {
        state.lock()
        watched[session] = []
        state.unlock()
    }

    /// Stops keeping the events of `session`.
    package func unwatch(_ session: String) {
        state.lock()
        watched[session] = nil
        state.unlock()
    }

    /// Drops the kept events of a watched session.
    package func clearEvents(of session: String) {
        state.lock()
        if watched[session] != nil { watched[session] = [] }
        state.unlock()
    }

    /// Waits for the next event `method` of a watched session whose parameters pass `matches`; events before it are dropped.
    ///
    /// - Throws: `DevToolsError.timedOut` naming `what`, or `.browserGone`.
    @discardableResult
    package func event(_ method: String, session: String, what: String, deadline: Date,
                       where matches: (Message) -> Bool = { _ in true }) throws(DevToolsError) -> Message {
        state.lock()
        defer { state.unlock() }
        while true {
            if let queue = watched[session], queue.contains(where: { $0["method"] as? String == "Inspector.targetCrashed" }) {
                throw .failed(what, message: "the page's renderer process crashed")
            }
            if var queue = watched[session], let index = queue.firstIndex(where: { $0["method"] as? String == method && matches($0["params"] as? Message ?? [:]) }) {
                let found = queue[index]
                queue.removeSubrange(...index)
                watched[session] = queue
                return found
            }
            if let gone { throw .browserGone(gone) }
            if !state.wait(until: deadline) && Date() >= deadline {
                throw .timedOut(what)
            }
        }
    }

    /// The reason the pipe ended, or nil while the browser answers.
    package var goneReason: String? {
        state.lock()
        defer { state.unlock() }
        return gone
    }

    /// Marks the pipe ended with `reason` (a crash seen elsewhere), waking every waiter.
    package func end(_ reason: String) {
        state.lock()
        if gone == nil { gone = reason }
        state.broadcast()
        state.unlock()
    }

    /// Waits until the reader thread has seen the end of the pipe, at most until `deadline`.
    package func waitForEnd(deadline: Date) -> Bool {
        state.lock()
        defer { state.unlock() }
        while !readerEnded {
            if !state.wait(until: deadline) { return readerEnded }
        }
        return true
    }

    // MARK: - Wire

    private func send(_ message: Message) throws(DevToolsError) {
        guard var bytes = try? JSONSerialization.data(withJSONObject: message) else {
            throw .failed(message["method"] as? String ?? "?", message: "parameters are not JSON")
        }
        bytes.append(0)
        let failure: Int32? = toBrowser.withLock { toBrowser in
            bytes.withUnsafeBytes { buffer -> Int32? in
                var offset = 0
                while offset < buffer.count {
                    let written = write(toBrowser, buffer.baseAddress! + offset, buffer.count - offset)
                    if written < 0 {
                        if errno == EINTR { continue }
                        return errno
                    }
                    offset += written
                }
                return nil
            }
        }
        if let failure {
            let reason = "chromium stopped reading its DevTools pipe (\(String(cString: strerror(failure))))"
            end(reason)
            throw .browserGone(reason)
        }
    }

    /// The reader thread: splits the stream at NUL bytes and routes each message, until the pipe ends.
    private func read() {
        var pending: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        var scanned = 0
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(fromBrowser, $0.baseAddress!, $0.count) }
            if count < 0 && errno == EINTR { continue }
            if count <= 0 { break }
            pending.append(contentsOf: chunk[..<count])
            var start = 0
            while let end = pending[scanned...].firstIndex(of: 0) {
                route(Data(pending[start..<end]))
                start = end + 1
                scanned = start
            }
            if start > 0 {
                pending.removeSubrange(..<start)
            }
            scanned = pending.count
        }
        state.lock()
        if gone == nil { gone = "chromium closed its DevTools pipe: it exited or crashed" }
        readerEnded = true
        state.broadcast()
        state.unlock()
    }

    private func route(_ data: Data) {
        guard let message = (try? JSONSerialization.jsonObject(with: data)) as? Message else { return }
        state.lock()
        defer { state.unlock() }
        if let id = message["id"] as? Int {
            guard let expected = waiting[id] else { return }  // its caller gave up
            let from = message["sessionId"] as? String ?? ""
            // Never taken for another page's answer: a reply from elsewhere fails its command.
            replies[id] = from == expected ? message
                : ["id": id, "error": ["message": "the reply came from session \"\(from)\", not \"\(expected)\""] as Message]
            state.broadcast()
        } else if let session = message["sessionId"] as? String, watched[session] != nil {
            watched[session]!.append(message)
            state.broadcast()
        }
    }
}
