internal import CMicroHTTPD
import PhoenixCore
import Synchronization

/// The state libmicrohttpd's callbacks work on, shared by MHD's threads and handler tasks.
///
/// MHD holds an unretained pointer to it (`cls`); `HTTPServer` keeps it retained until
/// `MHD_stop_daemon` has returned, so no callback can outlive it.
final class ServerCore: Sendable {
    /// Connections waiting on a handler, and whether new ones may still be suspended.
    private struct Registry {
        var pending: [ObjectIdentifier: ResponseSlot] = [:]
        var refusing = false
    }

    let handler: any HTTPHandler
    let limits: HTTPLimits
    let log: Log
    /// Runs each handler's first job on the MHD thread that dispatched it.
    private let executor = InlineStartExecutor()
    private let tooLargeResponse: HTTPResponse
    private let shuttingDownResponse: HTTPResponse
    /// Guards suspend and resume together with the pending set, so that shutdown can
    /// resume every suspended connection exactly once and none gets suspended after it.
    private let registry = Mutex(Registry())
    /// Requests that have started and not yet completed (the drain waits for zero).
    private let liveRequests = Atomic<Int>(0)
    /// Set once shutdown began: responses then close their connection.
    private let draining = Atomic<Bool>(false)

    init(handler: any HTTPHandler, limits: HTTPLimits, log: Log) {
        self.handler = handler
        self.limits = limits
        self.log = log
        tooLargeResponse = ProblemMapping.response(for: PhoenixError(
            .payloadTooLarge, "The request body is larger than \(limits.maxBodyBytes) bytes."))
        shuttingDownResponse = ProblemMapping.response(for: PhoenixError(
            .backendUnavailable, "The server is shutting down."))
    }

    /// The core behind a callback's `cls` pointer.
    static func from(_ cls: UnsafeMutableRawPointer?) -> ServerCore {
        Unmanaged<ServerCore>.fromOpaque(cls!).takeUnretainedValue()
    }

    /// How many requests are between their first callback and their completion.
    var liveRequestCount: Int { liveRequests.load(ordering: .acquiring) }

    // MARK: - MHD callbacks

    /// The access handler: called once with the head, once per body chunk, once when the
    /// body is complete, and once more after the handler's task resumed the connection.
    func access(connection: OpaquePointer, url: UnsafePointer<CChar>, method: UnsafePointer<CChar>,
                uploadData: UnsafePointer<CChar>?, uploadDataSize: UnsafeMutablePointer<Int>,
                requestState: UnsafeMutablePointer<UnsafeMutableRawPointer?>) -> MHD_Result {
        guard let stored = requestState.pointee else {
            return begin(connection: connection, url: url, method: method, requestState: requestState)
        }
        let context = Unmanaged<RequestContext>.fromOpaque(stored).takeUnretainedValue()
        let chunkSize = uploadDataSize.pointee
        if chunkSize > 0 {
            receive(context, UnsafeRawBufferPointer(start: uploadData, count: chunkSize))
            uploadDataSize.pointee = 0
            return .YES
        }
        if context.tooLarge { return queue(connection, context, tooLargeResponse) }
        if let slot = context.slot {
            // Resumed by the handler task (or by shutdown) with the response in the slot.
            guard let response = slot.take() else { return .NO }
            return queue(connection, context, response)
        }
        return dispatch(connection: connection, context: context)
    }

    /// Frees the request's context and writes its access-log line.
    func completed(requestState: UnsafeMutablePointer<UnsafeMutableRawPointer?>?) {
        guard let requestState, let stored = requestState.pointee else { return }
        requestState.pointee = nil
        let context = Unmanaged<RequestContext>.fromOpaque(stored).takeRetainedValue()
        liveRequests.subtract(1, ordering: .releasing)
        log.info(AccessLog.line(method: context.method, path: context.path, status: context.status,
                                duration: context.started.duration(to: .now), keyID: context.keyID))
    }

    // MARK: - Steps of a request

    private func begin(connection: OpaquePointer, url: UnsafePointer<CChar>, method: UnsafePointer<CChar>,
                       requestState: UnsafeMutablePointer<UnsafeMutableRawPointer?>) -> MHD_Result {
        let context = RequestContext(method: String(cString: method), path: String(cString: url),
                                     started: .now)
        requestState.pointee = Unmanaged.passRetained(context).toOpaque()
        liveRequests.add(1, ordering: .relaxed)
        if let declared = MHDConnection.header(connection, "Content-Length").flatMap({ Int($0) }) {
            if declared > limits.maxBodyBytes {
                // Answer before reading the body; MHD then closes the connection.
                context.tooLarge = true
                return queue(connection, context, tooLargeResponse)
            }
            context.body.reserveCapacity(max(0, declared))
        }
        return .YES
    }

    private func receive(_ context: RequestContext, _ chunk: UnsafeRawBufferPointer) {
        guard !context.tooLarge else { return }
        if context.body.count + chunk.count > limits.maxBodyBytes {
            // Chunked bodies have no declared length: drop what came and answer 413 at the end.
            context.tooLarge = true
            context.body = []
        } else {
            context.body.append(contentsOf: chunk)
        }
    }

    /// Runs the handler in a task whose first job runs here, on MHD's thread. If it answers
    /// without suspending, the response is queued at once; otherwise the connection is
    /// suspended and the task resumes it when it answers.
    private func dispatch(connection: OpaquePointer, context: RequestContext) -> MHD_Result {
        guard !registry.withLock({ $0.refusing }) else { return queue(connection, context, shuttingDownResponse) }
        let request = HTTPRequest(
            method: context.method, path: context.path,
            query: MHDConnection.query(connection),
            headers: MHDConnection.values(connection, kind: .HEADER_KIND),
            body: context.body)
        context.body = []
        let slot = ResponseSlot(connection: ConnectionHandle(raw: connection))
        context.slot = slot
        executor.runStarting { [self] in
            let response = await handler.handle(request)
            finish(slot, with: response)
        }
        enum Outcome { case answered(HTTPResponse), refused, suspended }
        let outcome: Outcome = registry.withLock { registry in
            if let response = slot.responseOrSuspend() { return .answered(response) }
            guard !registry.refusing else {
                // Shutdown began while the handler ran; the connection cannot be suspended now.
                slot.abandon()
                return .refused
            }
            registry.pending[ObjectIdentifier(slot)] = slot
            MHD_suspend_connection(connection)
            return .suspended
        }
        switch outcome {
        case .answered(let response): return queue(connection, context, response)
        case .refused: return queue(connection, context, shuttingDownResponse)
        case .suspended: return .YES
        }
    }

    /// Stores the response and resumes the connection if it is suspended; a response given
    /// before suspension is picked up by `dispatch`, one after shutdown's 503 is dropped.
    private func finish(_ slot: ResponseSlot, with response: HTTPResponse) {
        registry.withLock { registry in
            guard slot.answer(response) else { return }
            registry.pending[ObjectIdentifier(slot)] = nil
            MHD_resume_connection(slot.connection.raw)
        }
    }

    private func queue(_ connection: OpaquePointer, _ context: RequestContext,
                       _ response: HTTPResponse) -> MHD_Result {
        context.status = response.status
        context.keyID = response.keyID
        return MHDConnection.queue(connection, response,
                                   closing: draining.load(ordering: .relaxed))
    }

    // MARK: - Shutdown

    /// From now on every response closes its connection.
    func beginDraining() {
        draining.store(true, ordering: .relaxed)
    }

    /// Answers every request still waiting on its handler with 503, resumes its connection,
    /// and answers later requests with 503 without suspending — after this no connection
    /// is suspended, which `MHD_stop_daemon` requires.
    /// - Returns: how many requests were cut short.
    @discardableResult
    func failPendingRequests() -> Int {
        registry.withLock { registry in
            registry.refusing = true
            var failed = 0
            for slot in registry.pending.values where slot.fail(with: shuttingDownResponse) {
                MHD_resume_connection(slot.connection.raw)
                failed += 1
            }
            registry.pending.removeAll()
            return failed
        }
    }
}
