import Dispatch
import Foundation
import Synchronization

/// Waits for the first of some signals without a C signal handler: the default action is
/// switched off and the signals are observed through dispatch sources.
enum SignalWaiter {
    static func wait(for signals: [Int32]) async -> Int32 {
        let queue = DispatchQueue(label: "phoenix.signals")
        let sources = signals.map { number in
            signal(number, SIG_IGN)
            return (number, DispatchSource.makeSignalSource(signal: number, queue: queue))
        }
        let resumed = Atomic<Bool>(false)
        let number = await withCheckedContinuation { (continuation: CheckedContinuation<Int32, Never>) in
            for (number, source) in sources {
                source.setEventHandler {
                    guard resumed.compareExchange(expected: false, desired: true, ordering: .relaxed).exchanged else { return }
                    continuation.resume(returning: number)
                }
                source.resume()
            }
        }
        for (_, source) in sources { source.cancel() }
        return number
    }
}
