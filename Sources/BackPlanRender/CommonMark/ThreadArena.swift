#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The key each thread's arena is found by: set once by `ThreadArena.keyCreated`, then only read.
///
/// A plain global rather than a lazy one, so the allocation functions read it
/// without a once-check; unchecked for exclusivity, since a global `var` is
/// otherwise checked at run time on every read.
@exclusivity(unchecked) nonisolated(unsafe) private var arenaKey = pthread_key_t()

/// Bump allocation for a C library's short-lived memory, one arena per thread.
///
/// libcmark makes some 2,000 small allocations to convert a plan (nodes,
/// buffers that grow) and frees them all with the document. Served by these
/// functions instead of malloc, an allocation is a pointer bump, a free does
/// nothing (or gives back the last allocation), and `reset` takes back the
/// whole document's memory at once. C calls the functions without a context,
/// so each thread finds its own arena through a thread-specific key; a thread
/// converts one document at a time, so an arena never serves two at once.
///
/// Blocks are kept for the thread's next document, up to `retainedBytes`;
/// a thread's blocks are freed when it exits.
enum ThreadArena {
    /// The arena of the calling thread, made on first use.
    static var current: UnsafeMutablePointer<State> {
        _ = keyCreated
        if let state = pthread_getspecific(arenaKey) { return state.assumingMemoryBound(to: State.self) }
        let state = UnsafeMutablePointer<State>.allocate(capacity: 1)
        state.initialize(to: State())
        precondition(pthread_setspecific(arenaKey, state) == 0, "pthread_setspecific failed")
        return state
    }

    /// The calling thread's arena, from inside a conversion: `current` has made it and the key.
    ///
    /// Read without `current`'s checks, since libcmark calls for memory for every node and string of a plan.
    @inline(__always)
    private static var inUse: UnsafeMutablePointer<State> {
        pthread_getspecific(arenaKey).unsafelyUnwrapped.assumingMemoryBound(to: State.self)
    }

    /// `calloc(count, size)` from the calling thread's arena.
    static let allocateZeroed: @convention(c) (Int, Int) -> UnsafeMutableRawPointer? = { count, size in
        let (bytes, overflow) = count.multipliedReportingOverflow(by: size)
        // libcmark never checks for NULL (its own allocator aborts), so neither returns here.
        guard !overflow else { fatalError("out of memory: \(count) × \(size) bytes do not fit in an Int") }
        let pointer = inUse.pointee.allocate(bytes)
        memset(pointer, 0, bytes)
        return pointer
    }

    /// `realloc(pointer, size)` in the calling thread's arena.
    static let reallocate: @convention(c) (UnsafeMutableRawPointer?, Int) -> UnsafeMutableRawPointer? = { pointer, size in
        inUse.pointee.reallocate(pointer, to: size)
    }

    /// `free(pointer)`: gives back the arena's last allocation; any other waits for `reset`.
    static let release: @convention(c) (UnsafeMutableRawPointer?) -> Void = { pointer in
        guard let pointer else { return }
        inUse.pointee.release(pointer)
    }

    /// Bytes of blocks a thread keeps between documents; a larger document's extra blocks are freed after it.
    static let retainedBytes = 1 << 20
    /// The size of a new block, unless one allocation needs more.
    static let blockBytes = 64 << 10

    /// Made once, before any thread's first arena: the key each thread's arena is found by.
    private static let keyCreated: Void = {
        precondition(pthread_key_create(&arenaKey, destroyOnExit) == 0, "pthread_key_create failed")
    }()

    /// Frees an exiting thread's arena; the C library passes the value the thread set for the key.
    #if canImport(Darwin)
    private static let destroyOnExit: @convention(c) (UnsafeMutableRawPointer) -> Void = { destroy($0) }
    #else
    private static let destroyOnExit: @convention(c) (UnsafeMutableRawPointer?) -> Void = { $0.map(destroy) }
    #endif

    private static func destroy(_ pointer: UnsafeMutableRawPointer) {
        let state = pointer.assumingMemoryBound(to: State.self)
        state.pointee.freeBlocks(keeping: 0)
        state.deinitialize(count: 1)
        state.deallocate()
    }

    /// One thread's arena: a list of blocks, the one in use, and where its free space starts.
    ///
    /// A block starts with 16 bytes: the address of the next block and its own
    /// size. Each allocation is preceded by 16 bytes holding its size, which
    /// `reallocate` needs (C's realloc is not told the old size); allocations
    /// are 16-byte aligned, as malloc's are.
    struct State {
        private static let headerBytes = 16

        private var first: UnsafeMutableRawPointer?
        private var block: UnsafeMutableRawPointer?
        private var cursor: UnsafeMutableRawPointer?
        private var end: UnsafeMutableRawPointer?
        /// The most recent allocation, which can grow or be given back in place.
        private var last: UnsafeMutableRawPointer?

        private static func next(of block: UnsafeMutableRawPointer) -> UnsafeMutableRawPointer? {
            block.load(as: UnsafeMutableRawPointer?.self)
        }

        private static func setNext(of block: UnsafeMutableRawPointer, to next: UnsafeMutableRawPointer?) {
            block.storeBytes(of: next, as: UnsafeMutableRawPointer?.self)
        }

        private static func capacity(of block: UnsafeMutableRawPointer) -> Int {
            block.load(fromByteOffset: 8, as: Int.self)
        }

        /// 16 bytes of header, then `bytes`, rounded up to 16.
        private static func span(_ bytes: Int) -> Int { (headerBytes + bytes + 15) & ~15 }

        mutating func allocate(_ bytes: Int) -> UnsafeMutableRawPointer {
            let total = Self.span(bytes)
            if cursor == nil || cursor!.distance(to: end!) < total { nextBlock(holding: total) }
            let header = cursor!
            header.storeBytes(of: bytes, as: Int.self)
            cursor = header + total
            last = header + Self.headerBytes
            return last!
        }

        mutating func reallocate(_ pointer: UnsafeMutableRawPointer?, to bytes: Int) -> UnsafeMutableRawPointer {
            guard let pointer else { return allocate(bytes) }
            let header = pointer - Self.headerBytes
            if pointer == last, header.distance(to: end!) >= Self.span(bytes) {
                header.storeBytes(of: bytes, as: Int.self)
                cursor = header + Self.span(bytes)
                return pointer
            }
            let old = header.load(as: Int.self)
            let moved = allocate(bytes)
            memcpy(moved, pointer, min(old, bytes))
            return moved
        }

        mutating func release(_ pointer: UnsafeMutableRawPointer) {
            guard pointer == last else { return }
            cursor = pointer - Self.headerBytes
            last = nil
        }

        /// Whether `pointer` lies in one of this arena's blocks (for tests: the conversion never needs to ask).
        func owns(_ pointer: UnsafeRawPointer) -> Bool {
            var next = first
            while let block = next {
                if pointer >= UnsafeRawPointer(block) && pointer < UnsafeRawPointer(block + Self.capacity(of: block)) { return true }
                next = Self.next(of: block)
            }
            return false
        }

        /// Takes back everything allocated; keeps blocks up to `retainedBytes` for the next document.
        mutating func reset() {
            freeBlocks(keeping: ThreadArena.retainedBytes)
            if let first { use(first) }
        }

        /// Keeps, in list order, each block that still fits within `bytes` with those kept before it, and frees the others
        /// (all of them for 0); leaves no block in use.
        mutating func freeBlocks(keeping bytes: Int) {
            var kept = 0
            var previous: UnsafeMutableRawPointer?
            var next = first
            while let current = next {
                next = Self.next(of: current)
                if kept + Self.capacity(of: current) <= bytes {
                    kept += Self.capacity(of: current)
                    previous = current
                } else {
                    free(current)
                    if let previous { Self.setNext(of: previous, to: next) } else { first = next }
                }
            }
            block = nil
            cursor = nil
            end = nil
            last = nil
        }

        /// Moves to the next block with room for `total` bytes, making one if there is none.
        private mutating func nextBlock(holding total: Int) {
            let needed = Self.headerBytes + total
            if let block, let next = Self.next(of: block), Self.capacity(of: next) >= needed {
                return use(next)
            }
            let capacity = max(ThreadArena.blockBytes, needed)
            guard let made = malloc(capacity) else { fatalError("out of memory: could not allocate \(capacity) bytes") }
            made.storeBytes(of: capacity, toByteOffset: 8, as: Int.self)
            if let block {
                Self.setNext(of: made, to: Self.next(of: block))
                Self.setNext(of: block, to: made)
            } else {
                Self.setNext(of: made, to: first)
                first = made
            }
            use(made)
        }

        private mutating func use(_ next: UnsafeMutableRawPointer) {
            block = next
            cursor = next + Self.headerBytes
            end = next + Self.capacity(of: next)
            last = nil
        }
    }
}
