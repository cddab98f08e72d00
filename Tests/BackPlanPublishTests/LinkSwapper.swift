import Foundation
import BackPlanRender

/// A thread that moves a real folder aside and puts a symbolic link to a victim folder in its place, over and over,
/// until `stop()`: what an attacker racing BackPlan's writes and removals below an output folder does.
final class LinkSwapper: Sendable {
    private let stopping = Locked(false)
    private let stopped = DispatchSemaphore(value: 0)

    /// Starts swapping `folder` (a path) for a link to `victim`.
    init(_ folder: String, with victim: String) {
        let thread = Thread { [self] in
            while !stopping.withLock({ $0 }) {
                rename(folder, folder + "-real")
                symlink(victim, folder)
                usleep(50)
                unlink(folder)
                rename(folder + "-real", folder)
                usleep(50)
            }
            stopped.signal()
        }
        thread.start()
    }

    /// Stops swapping and waits until the real folder is back in its place.
    func stop() {
        stopping.withLock { $0 = true }
        stopped.wait()
    }
}
