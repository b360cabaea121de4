import PhoenixTestSupport
import PhoenixCore
import Synchronization

/// Echoes the request: `METHOD PATH`, sorted query, body; the `X-Test` header comes back
/// as `X-Echo`; counts calls.
struct EchoHandler: HTTPHandler {
    let calls = Counter()

    func handle(_ request: HTTPRequest) async -> HTTPResponse {
        calls.increment()
        let query = request.query.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "&")
        let text = "\(request.method) \(request.path)\n\(query)\n" + String(decoding: request.body, as: UTF8.self)
        var headers: [(name: String, value: String)] = [("Content-Type", "text/plain")]
        if let echo = request.header("x-test") { headers.append(("X-Echo", echo)) }
        return HTTPResponse(status: 200, headers: headers, body: Array(text.utf8), keyID: 7)
    }
}

/// A thread-safe call counter.
final class Counter: Sendable {
    private let value = Mutex(0)
    func increment() { value.withLock { $0 += 1 } }
    var count: Int { value.withLock { $0 } }
}

/// Opens when `expected` tasks have arrived, or fails everyone on `timeOut()`.
actor Barrier {
    private let expected: Int
    private var arrived = 0
    private var outcome: Bool?
    private var waiters: [CheckedContinuation<Bool, Never>] = []

    init(expected: Int) { self.expected = expected }

    /// Waits until all arrived (true) or the barrier timed out (false).
    func arrive() async -> Bool {
        arrived += 1
        if arrived >= expected { settle(true) }
        if let outcome { return outcome }
        return await withCheckedContinuation { waiters.append($0) }
    }

    func timeOut() { settle(false) }

    private func settle(_ value: Bool) {
        guard outcome == nil else { return }
        outcome = value
        for waiter in waiters { waiter.resume(returning: value) }
        waiters = []
    }
}

/// Waits in the handler on the barrier; 200 when all requests were inside together.
struct BarrierHandler: HTTPHandler {
    let barrier: Barrier

    func handle(_ request: HTTPRequest) async -> HTTPResponse {
        await barrier.arrive()
            ? HTTPResponse(status: 200, body: Array("together".utf8))
            : HTTPResponse(status: 504, body: Array("barrier timed out".utf8))
    }
}

/// A gate the test opens; records whether a handler is waiting at it.
actor Gate {
    private(set) var entered = 0
    private var isOpen = false
    private var waiters: [CheckedContinuation<Void, Never>] = []

    func pass() async {
        entered += 1
        if isOpen { return }
        await withCheckedContinuation { waiters.append($0) }
    }

    func open() {
        isOpen = true
        for waiter in waiters { waiter.resume() }
        waiters = []
    }
}

/// Holds every request at the gate, then answers 200 `done`.
struct GatedHandler: HTTPHandler {
    let gate: Gate

    func handle(_ request: HTTPRequest) async -> HTTPResponse {
        await gate.pass()
        return HTTPResponse(status: 200, body: Array("done".utf8))
    }
}
