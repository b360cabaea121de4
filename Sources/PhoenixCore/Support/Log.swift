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
        Self.lock.withLock { _ in
            Self.writeToStandardError(&line)
        }
    }

    /// One `write(2)` per line in the common case, straight from the string's bytes: the
    /// access log writes a line per request, and Foundation's `FileHandle` + `Data` cost
    /// more than the write itself. Partial writes are continued and EINTR retried; other
    /// failures drop the line (logging must never fail a request).
    private static func writeToStandardError(_ line: inout String) {
        line.withUTF8 { bytes in
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
