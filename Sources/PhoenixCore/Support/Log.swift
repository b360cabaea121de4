import Glibc
import Synchronization

/// A minimal line logger writing to standard error, safe from any thread.
public struct Log: Sendable {
    /// Severity of a line.
    public enum Level: Int, Sendable, Comparable {
        case debug, info, warning, error
        public static func < (lhs: Level, rhs: Level) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    private static let lock = Mutex(())
    /// Lines below this level are dropped.
    public var minimumLevel: Level
    /// A prefix naming the component (`"libvirt"`), shown in brackets.
    public var label: String?

    /// Creates a logger.
    public init(minimumLevel: Level = .info, label: String? = nil) {
        self.minimumLevel = minimumLevel
        self.label = label
    }

    /// A logger with the same level and another label.
    public func labelled(_ label: String) -> Log {
        Log(minimumLevel: minimumLevel, label: label)
    }

    /// Writes one line if `level` passes.
    public func write(_ level: Level, _ message: @autoclosure () -> String) {
        guard level >= minimumLevel else { return }
        var line = message()
        if let label { line = "[\(label)] " + line }
        line += "\n"
        // The kernel does not interleave one write(2) of at most PIPE_BUF bytes with other
        // writes to the same pipe or file, so a short line (every access-log line) needs no
        // lock of ours; taking one per request made the access log a point of contention.
        // Longer lines, and the rest of a short line the kernel only partly took, are
        // written under the lock so they stay whole among themselves.
        if line.utf8.count <= Self.atomicWriteLimit, Self.writeOnce(&line) { return }
        Self.lock.withLock { _ in
            Self.writeToStandardError(&line)
        }
    }

    /// POSIX PIPE_BUF on Linux: writes up to this size are atomic on pipes.
    private static let atomicWriteLimit = 4096

    /// One write(2) of the whole line, straight from the string's bytes (Foundation's
    /// `FileHandle` + `Data` cost more than the write itself); false if it failed and
    /// nothing was written, so the locked path retries.
    private static func writeOnce(_ line: inout String) -> Bool {
        line.withUTF8 { bytes in
            let written = Glibc.write(2, bytes.baseAddress!, bytes.count)
            if written == bytes.count { return true }
            if written > 0 {
                // Rare (a full disk, a signal): finish the line under the lock.
                let rest = UnsafeBufferPointer(rebasing: bytes[written...])
                lock.withLock { _ in writeAll(rest) }
                return true
            }
            return false
        }
    }

    /// Writes the whole line: partial writes are continued and EINTR retried; other
    /// failures drop the line (logging must never fail a request).
    private static func writeToStandardError(_ line: inout String) {
        line.withUTF8 { writeAll($0) }
    }

    private static func writeAll(_ bytes: UnsafeBufferPointer<UInt8>) {
        var offset = 0
        while offset < bytes.count {
            let written = Glibc.write(2, bytes.baseAddress! + offset, bytes.count - offset)
            if written > 0 {
                offset += written
            } else if written < 0, errno == EINTR {
                continue
            } else {
                return
            }
        }
    }

    /// Writes an info line.
    public func info(_ message: @autoclosure () -> String) { write(.info, message()) }
    /// Writes a warning line.
    public func warning(_ message: @autoclosure () -> String) { write(.warning, message()) }
    /// Writes an error line.
    public func error(_ message: @autoclosure () -> String) { write(.error, message()) }
    /// Writes a debug line.
    public func debug(_ message: @autoclosure () -> String) { write(.debug, message()) }
}
