import Foundation
import PhoenixCore
import PhoenixTestSupport
import Synchronization

/// The real `phoenixd` binary, started as a child process for end-to-end tests.
final class PhoenixdProcess: Sendable {
    /// The binary next to the test bundle in `.build/<config>/`.
    static let binary: String = {
        let exe = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? ""
        var directory = URL(fileURLWithPath: exe).deletingLastPathComponent()
        while directory.path != "/" {
            let candidate = directory.appendingPathComponent("phoenixd").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            directory.deleteLastPathComponent()
        }
        return "phoenixd"
    }()

    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../fixtures").standardizedFileURL.path

    private let process: Process
    private let output = OutputBuffer()

    /// Starts `phoenixd ARGS` with `PHOENIX_FIXTURES` pointing at the repository's fixtures.
    init(_ arguments: [String], environment: [String: String] = [:]) throws {
        process = Process()
        process.executableURL = URL(fileURLWithPath: Self.binary)
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env["PHOENIX_FIXTURES"] = Self.fixtures
        env.merge(environment) { _, new in new }
        process.environment = env
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        process.standardInput = FileHandle.nullDevice
        let output = output
        stdout.fileHandleForReading.readabilityHandler = { handle in
            let text = String(decoding: handle.availableData, as: UTF8.self)
            output.text.withLock { $0.stdout += text }
        }
        stderr.fileHandleForReading.readabilityHandler = { handle in
            let text = String(decoding: handle.availableData, as: UTF8.self)
            output.text.withLock { $0.stderr += text }
        }
        try process.run()
    }

    var stdout: String { output.text.withLock { $0.stdout } }
    var stderr: String { output.text.withLock { $0.stderr } }

    /// Waits until stderr says where the server listens, and returns the port.
    func waitForPort(timeout: Duration = .seconds(30)) async throws -> Int {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if let range = stderr.range(of: "listening on http://127.0.0.1:") {
                let digits = stderr[range.upperBound...].prefix { $0.isNumber }
                if let port = Int(digits) { return port }
            }
            guard process.isRunning else { break }
            try await Task.sleep(for: .milliseconds(20))
        }
        throw PhoenixError(.timeout, "phoenixd did not start: \(stderr)")
    }

    /// Waits until stderr contains `text`.
    func waitForOutput(_ text: String, timeout: Duration = .seconds(10)) async throws {
        let deadline = ContinuousClock.now + timeout
        while !stderr.contains(text) {
            guard ContinuousClock.now < deadline else { throw PhoenixError(.timeout, "no '\(text)' in: \(stderr)") }
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    /// The first admin key, waiting for stdout to show it: stdout and stderr are read by
    /// separate handlers, so the banner may arrive after the "listening" line.
    func firstAdminKey(timeout: Duration = .seconds(10)) async throws -> String {
        let deadline = ContinuousClock.now + timeout
        while true {
            let lines = stdout.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            if let key = lines.first(where: { $0.hasPrefix("phx_") }), stdout.contains("curl -H") { return key }
            guard ContinuousClock.now < deadline else { throw PhoenixError(.timeout, "no admin key in: \(stdout)") }
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    /// Sends a signal.
    func signal(_ number: Int32) { kill(process.processIdentifier, number) }

    /// Waits for exit and returns the status.
    func wait(timeout: Duration = .seconds(30)) async throws -> Int32 {
        let deadline = ContinuousClock.now + timeout
        while process.isRunning {
            guard ContinuousClock.now < deadline else {
                process.terminate()
                throw PhoenixError(.timeout, "phoenixd did not exit")
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        try await Task.sleep(for: .milliseconds(50))
        return process.terminationStatus
    }

    /// Runs a short command to completion and returns (status, stdout, stderr).
    static func run(_ arguments: [String]) async throws -> (status: Int32, stdout: String, stderr: String) {
        let child = try PhoenixdProcess(arguments)
        let status = try await child.wait()
        return (status, child.stdout, child.stderr)
    }

    deinit {
        if process.isRunning { process.terminate() }
    }
}

/// What a child printed so far, filled from pipe handlers on other threads.
final class OutputBuffer: Sendable {
    let text = Mutex<(stdout: String, stderr: String)>(("", ""))
}
