import BackPlanRender
import Foundation

/// An unnamed temporary file that keeps bytes out of memory until they are written: the site's small
/// figures, drawn once and placed on every list page (`ByteSpill`).
///
/// The file has no name from the start (`O_TMPFILE` in TMPDIR), so nothing is left behind however the
/// program ends, even killed; it goes when the last page holding its bytes is dropped. Where the
/// system cannot make such a file, `make()` gives nil and the bytes are held in memory as before.
/// A TMPDIR on tmpfs keeps them in memory all the same, the system's rather than the program's.
package final class SpillFile: ByteSpill {
    private let descriptor: Int32
    /// The file's length: where the next bytes go.
    private let end = Locked<Int64>(0)

    /// Linux's `O_TMPFILE` (`__O_TMPFILE | O_DIRECTORY`), which Swift does not import.
    private static let unnamed: Int32 = 0o20000000 | O_DIRECTORY

    private init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    /// A new, empty spill file in `folder` (TMPDIR by default), or nil when it cannot be made there.
    package static func make(in folder: String = FileManager.default.temporaryDirectory.path) -> SpillFile? {
#if os(Linux)
        let descriptor = open(folder, unnamed | O_RDWR | O_CLOEXEC, 0o600)
        return descriptor >= 0 ? SpillFile(descriptor: descriptor) : nil
#else
        return nil
#endif
    }

    deinit {
        close(descriptor)
    }

    package func keep(_ bytes: UnsafeRawBufferPointer) -> Int64? {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return nil }
        return end.withLock { end -> Int64? in
            // A full disk: these bytes are held in memory instead; the next ones are written here again.
            guard Self.whole(bytes.count, { done in pwrite(descriptor, base + done, bytes.count - done, off_t(end) + off_t(done)) }) else { return nil }
            defer { end += Int64(bytes.count) }
            return end
        }
    }

    package func read(at offset: Int64, into buffer: UnsafeMutableRawBufferPointer) -> Bool {
        guard let base = buffer.baseAddress else { return buffer.isEmpty }
        return Self.whole(buffer.count) { done in pread(descriptor, base + done, buffer.count - done, off_t(offset) + off_t(done)) }
    }

    /// Calls `move` (a `pread` or `pwrite` of what is left once `done` bytes are through) until `count`
    /// bytes are; false on an error or at the end of the file.
    private static func whole(_ count: Int, _ move: (_ done: Int) -> Int) -> Bool {
        var done = 0
        while done < count {
            let moved = move(done)
            if moved < 0, errno == EINTR { continue }
            guard moved > 0 else { return false }
            done += moved
        }
        return true
    }
}
