import BackPlanRender
import Foundation

/// The site's output folder, brought in step with a new build: only changed bytes are written.
///
/// The folder gets a manifest, `.backplan-site`, listing the files the site wrote.
/// The site is written only into a folder that is absent, empty, or carries that
/// manifest, or with `force` into any folder; and it never replaces a file the
/// manifest does not list (one with the same bytes is taken over). Stale files are
/// removed only when the manifest lists them: a file someone added (a `CNAME`, an
/// `.htaccess`) stays.
package struct SiteFolder {
    /// The manifest's file name; deleting it stops BackPlan from removing anything there.
    package static let manifestName = ".backplan-site"

    package let output: OutputFolder
    /// Write into a folder that holds other files (`site --force`); their files are still never replaced.
    package var force = false

    package init(path: String, force: Bool = false) {
        output = OutputFolder(path: path)
        self.force = force
    }

    /// Writes the files whose bytes differ, removes stale ones where allowed, and says what it did.
    ///
    /// Every path is checked before anything is written, so an unsafe path writes nothing.
    package func sync(_ files: [(path: String, data: Data)]) throws -> SiteReport {
        try sync(paths: files.map(\.path), build: nil) { files[$0].data }
    }

    /// How many files are made at once, each on a core of its own, before they are compared and written in order.
    static let batchSize = 32

    /// The files made together from `start`: up to `batchSize` of them, of which at most one in `large`.
    ///
    /// A file in `large` grows with the catalog (a page listing every move). Made in one batch,
    /// the six area pages were all held at once, and the next batch is made while one is written:
    /// with at most one such file a batch, at most two are held.
    static func batch(from start: Int, count: Int, large: Set<Int>) -> Range<Int> {
        var end = start
        var taken = 0
        while end < count, end - start < batchSize {
            if large.contains(end) {
                guard taken == 0 else { break }
                taken += 1
            }
            end += 1
        }
        return start..<end
    }

    /// The report of a build that has nothing to do, or nil when the folder must be brought in step.
    ///
    /// Nothing is to do when the manifest was written by a build of the same `build` (a
    /// fingerprint of everything the pages are made from) and every file it lists is still
    /// the file that build left: same size, modification time and inode. Only the manifest is
    /// read and each file's status asked; no page is rendered.
    package func upToDate(build: String) -> SiteReport? {
        guard let previous = try? manifest(), previous.build == build, !previous.files.isEmpty else { return nil }
        for file in previous.files {
            guard let url = try? output.url(for: file.path), let stamp = file.stamp, Self.stamp(of: url) == stamp else { return nil }
        }
        return SiteReport(folder: output.url, written: [], unchanged: previous.files.map(\.path), removed: [])
    }

    /// Brings the folder in step with the files at `paths`, made one at a time by `data(index)`, so
    /// only one file's bytes are held at once whatever the size of the site.
    ///
    /// Every path is checked, and each file someone else put in the way compared with what
    /// would replace it, before anything is written: an unsafe path, or a file of someone
    /// else's in the way, writes nothing. A file that cannot be made (a template failing on
    /// one page) stops the build there: the files before it are written, each whole, and
    /// the manifest lists them, so the next build goes on from there. `build` is recorded
    /// in the manifest for `upToDate(build:)`.
    ///
    /// Files are made `batchSize` at a time on every core (`data` must be safe to call from
    /// several threads at once), the next batch while one is written, and compared and written in path order.
    package func sync(paths: [String], build: String?, data: @escaping @Sendable (Int) throws -> Data) throws -> SiteReport {
        try sync(paths: paths, build: build, chunks: { ByteChunks(Array(try data($0))) })
    }

    /// `sync(paths:build:data:)` with each file made as runs (`ByteChunks`), written and compared run by run, never joined:
    /// a page listing every move holds its own HTML once and shares its figures with the other pages.
    /// Files whose indexes are in `large` grow with the catalog, and are made one to a batch (`batch(from:count:large:)`).
    package func sync(paths: [String], build: String?, large: Set<Int> = [], chunks data: @escaping @Sendable (Int) throws -> ByteChunks) throws -> SiteReport {
        // Every path checked before anything is written; each file's URL is made again when it is reached
        // (a URL for every file of a large site weighed more than the batch being made).
        for path in paths { _ = try output.url(for: path) }
        let previous = try manifest()
        if previous == nil, !force, !isAbsentOrEmpty {
            throw PublishError(path: output.url.path, problem: .invalid(
                "the folder holds files that backplan site did not write; choose a new or empty folder, or pass --force to add the site beside them (no file of theirs is replaced)"))
        }
        let owned = Set(previous?.files.map(\.path) ?? [])
        // What a build killed here left (`.index.html.1234.tmp`), the folder being the site's; a user's empty folder stays.
        if previous != nil { output.removeLeftovers(emptyFolders: false) }
        // Made early: the files replacing something the site did not write, compared first.
        var early: [Int: ByteChunks] = [:]
        for (index, path) in paths.enumerated() where !owned.contains(path) {
            let url = try output.url(for: path)
            guard Self.exists(url) else { continue }
            let made = try data(index)
            if !Self.regularFileHolds(url, made) {
                throw PublishError(path: paths[index], problem: .cannotWrite(
                    "a file that backplan site did not write is in the way; move it, or choose another folder"))
            }
            early[index] = made
        }

        // Before the first write, the manifest lists every file this build may write: a build stopped part
        // way, even killed, leaves a folder the next build takes as its own, and the files it wrote are among
        // those the next build may replace or remove. (Any of them already there holds this build's bytes.)
        let planned = owned.union(paths)
        if planned.count > owned.count {
            try writeManifest(planned.map { ManifestFile(path: $0, stamp: nil) }, build: nil)
        }

        var report = SiteReport(folder: output.url, written: [], unchanged: [], removed: [])
        var stamps: [String: FileStamp] = [:]
        // The next batch is made while this one is written: making a page is CPU work, writing it mostly
        // the kernel's (creating, renaming), and the two overlap on two cores.
        let skipping = Set(early.keys)
        var ahead: (batch: Batch, made: DispatchGroup)?
        defer { ahead?.made.wait() }
        func makeAhead(from start: Int) {
            guard start < paths.count else { return ahead = nil }
            let next = Batch(range: Self.batch(from: start, count: paths.count, large: large))
            let made = DispatchGroup()
            DispatchQueue.global().async(group: made) { next.make(skipping: skipping, data) }
            ahead = (next, made)
        }
        do {
            var batch = Batch(range: 0..<0)
            // Writes refuse any symbolic link below the folder (`AtomicFile.writeTogether(_:inside:)`).
            for (index, path) in paths.enumerated() {
                let url = try output.url(for: path)
                if !batch.range.contains(index) {
                    if let ahead, ahead.batch.range.lowerBound == index {
                        ahead.made.wait()
                        batch = ahead.batch
                    } else {
                        batch = Batch(range: Self.batch(from: index, count: paths.count, large: large))
                        batch.make(skipping: skipping, data)
                    }
                    makeAhead(from: batch.range.upperBound)
                }
                let made = try early.removeValue(forKey: index) ?? batch.take(index)
                if Self.hasContents(url, made) {
                    report.unchanged.append(paths[index])
                } else {
                    try AtomicFile.replace(made, at: url, inside: output.url)
                    report.written.append(paths[index])
                }
                stamps[paths[index]] = Self.stamp(of: url)
            }
        } catch {
            // What was written is the site's now: listed, so the next build may replace or remove it.
            let kept = Set(previous?.files.map(\.path) ?? []).union(report.written)
            try? writeManifest(kept.map { ManifestFile(path: $0, stamp: nil) }, build: nil)
            throw error
        }

        let current = Set(paths)
        // Removed through the folder's descriptor, never following a link below it (`AtomicFile.removeFile(_:inside:)`).
        for stale in (previous?.files.map(\.path) ?? []).filter({ !current.contains($0) }).sorted() {
            guard (try? output.url(for: stale)) != nil else { continue }
            if try AtomicFile.removeFile(stale, inside: output.url, emptiedFolders: true) {
                report.removed.append(stale)
            }
        }
        try writeManifest(paths.map { ManifestFile(path: $0, stamp: stamps[$0]) }, build: build)
        return report
    }

    /// Files made together, on as many threads as there are cores; taken one by one, in order.
    private final class Batch: @unchecked Sendable {
        let range: Range<Int>
        /// Written by one thread each (its own slot) inside `concurrentPerform`, read after it returns.
        private var results: [Result<ByteChunks, any Error>?]

        init(range: Range<Int>) {
            self.range = range
            results = Array(repeating: nil, count: range.count)
        }

        func make(skipping made: Set<Int>, _ data: @escaping @Sendable (Int) throws -> ByteChunks) {
            results.withUnsafeMutableBufferPointer { buffer in
                nonisolated(unsafe) let slots = buffer
                DispatchQueue.concurrentPerform(iterations: range.count) { offset in
                    let index = range.lowerBound + offset
                    guard !made.contains(index) else { return }
                    slots[offset] = Result { try data(index) }
                }
            }
        }

        /// The file at `index`, or the error making it threw; its bytes are dropped from the batch.
        func take(_ index: Int) throws -> ByteChunks {
            let offset = index - range.lowerBound
            defer { results[offset] = nil }
            guard let result = results[offset] else { preconditionFailure("file \(index) was not made") }
            return try result.get()
        }
    }

    // MARK: - Manifest

    /// A file's size, modification time and inode: what tells that nobody changed it since the site wrote it.
    package struct FileStamp: Equatable {
        var size: Int64
        var seconds: Int
        var nanoseconds: Int
        var inode: UInt64

        var text: String { "\(size) \(seconds).\(nanoseconds) \(inode)" }

        init(size: Int64, seconds: Int, nanoseconds: Int, inode: UInt64) {
            (self.size, self.seconds, self.nanoseconds, self.inode) = (size, seconds, nanoseconds, inode)
        }

        init?(_ text: Substring) {
            let parts = text.split(separator: " ")
            let time = parts.count == 3 ? parts[1].split(separator: ".") : []
            guard time.count == 2, let size = Int64(parts[0]), let seconds = Int(time[0]), let nanoseconds = Int(time[1]),
                  let inode = UInt64(parts[2]) else { return nil }
            self.init(size: size, seconds: seconds, nanoseconds: nanoseconds, inode: inode)
        }
    }

    /// A line of the manifest: a file's path, and its stamp when the site wrote it whole.
    struct ManifestFile {
        var path: String
        var stamp: FileStamp?
    }

    private static let buildPrefix = "# build "

    private var manifestURL: URL { output.url.appendingPathComponent(Self.manifestName) }

    /// The files the last build listed and that build's fingerprint, or nil when the folder has no manifest.
    ///
    /// A line is a path, then (since builds record them) the file's stamp; a manifest of paths alone still reads.
    private func manifest() throws(PublishError) -> (files: [ManifestFile], build: String?)? {
        guard FileManager.default.fileExists(atPath: manifestURL.path) else { return nil }
        let text: String
        do {
            text = try String(contentsOf: manifestURL, encoding: .utf8)
        } catch {
            throw PublishError(path: manifestURL.path, problem: .cannotRead(AtomicFile.reason(error)))
        }
        var files: [ManifestFile] = []
        var build: String?
        for line in text.split(separator: "\n") where !line.isEmpty {
            if line.hasPrefix(Self.buildPrefix) {
                build = String(line.dropFirst(Self.buildPrefix.count))
            } else if !line.hasPrefix("#") {
                let space = line.firstIndex(of: " ")
                let path = String(line[..<(space ?? line.endIndex)])
                files.append(ManifestFile(path: path, stamp: space.flatMap { FileStamp(line[line.index(after: $0)...]) }))
            }
        }
        return (files, build)
    }

    private func writeManifest(_ files: [ManifestFile], build: String?) throws(PublishError) {
        var text = "# Files written by `backplan site`. It removes those a later build no longer makes;\n"
            + "# delete this file and it will never remove anything from this folder.\n"
        if let build { text += Self.buildPrefix + build + "\n" }
        for file in files.sorted(by: { $0.path < $1.path }) {
            text += file.stamp.map { "\(file.path) \($0.text)\n" } ?? file.path + "\n"
        }
        let data = Data(text.utf8)
        if (try? Data(contentsOf: manifestURL)) != data {
            try AtomicFile.replace(data, at: manifestURL, inside: output.url)
        }
    }

    // MARK: - Safety

    /// Whether anything (a file, a link, a folder) is at `url`.
    private static func exists(_ url: URL) -> Bool {
        var status = stat()
        return lstat(url.path, &status) == 0
    }

    /// The stamp of the regular file at `url`, not following a link; nil for anything else.
    static func stamp(of url: URL) -> FileStamp? {
        var status = stat()
        guard lstat(url.path, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else { return nil }
        return FileStamp(size: Int64(status.st_size), seconds: Int(status.st_mtim.tv_sec), nanoseconds: Int(status.st_mtim.tv_nsec),
                         inode: UInt64(status.st_ino))
    }

    /// Whether the regular file at `url` (not a link) holds exactly `chunks`; its size is compared before its bytes are read.
    private static func hasContents(_ url: URL, _ chunks: ByteChunks) -> Bool {
        var status = stat()
        guard lstat(url.path, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG, Int(status.st_size) == chunks.count else { return false }
        return regularFileHolds(url, chunks)
    }

    /// Whether the regular file at `url`, not following a link, holds exactly `chunks`: read a block at a time
    /// and compared run by run, so a large page is never held twice; false for anything else.
    private static func regularFileHolds(_ url: URL, _ chunks: ByteChunks) -> Bool {
        // Non-blocking: a FIFO left in the folder would otherwise hold the build until something writes to it.
        let descriptor = open(url.path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG, Int(status.st_size) == chunks.count else { return false }
        var block = [UInt8](repeating: 0, count: 64 << 10)
        var filled = 0
        var read = 0
        // The next `count` bytes of the file, refilling `block` as it is used up; nil at the end or on an error.
        func next(upTo count: Int) -> ArraySlice<UInt8>? {
            if read == filled {
                filled = block.withUnsafeMutableBytes { buffer in
                    var got = -1
                    repeat { got = Foundation.read(descriptor, buffer.baseAddress, buffer.count) } while got < 0 && errno == EINTR
                    return got
                }
                read = 0
                guard filled > 0 else { return nil }
            }
            let taken = min(count, filled - read)
            defer { read += taken }
            return block[read..<(read + taken)]
        }
        let same = chunks.forEachRun { run in
            var offset = 0
            while offset < run.count {
                guard let bytes = next(upTo: run.count - offset),
                      bytes.withUnsafeBytes({ memcmp(run.baseAddress! + offset, $0.baseAddress!, $0.count) == 0 }) else { return false }
                offset += bytes.count
            }
            return true
        }
        guard same else { return false }
        // Nothing more: the file did not grow since it was measured.
        return next(upTo: 1) == nil
    }

    private var isAbsentOrEmpty: Bool {
        guard let contents = try? FileManager.default.contentsOfDirectory(atPath: output.url.path) else { return true }
        return contents.isEmpty
    }
}
