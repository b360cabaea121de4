internal import CLibvirt
import Foundation

/// Process-wide libvirt setup, done once however many drivers are built.
///
/// libvirt's error handler and event loop are global to the process, so they are set here
/// and nowhere else.
enum LibvirtProcess {
    /// Installs the silent error handler and starts the event loop; idempotent.
    static func prepare() {
        _ = once
    }

    private static let once: Void = {
        // libvirt prints every error to stderr unless a handler is installed; errors are
        // read through `virGetLastError` in `LibvirtSession` instead.
        virSetErrorFunc(nil, { _, _ in })
        // Keepalive and close callbacks only fire while something runs libvirt's event
        // loop; without it a dead daemon is noticed only by the next call on the socket.
        if virEventRegisterDefaultImpl() == 0 {
            let thread = Thread {
                while true {
                    if virEventRunDefaultImpl() < 0 { Thread.sleep(forTimeInterval: 0.1) }
                }
            }
            thread.name = "phoenix-libvirt-events"
            thread.start()
        }
    }()
}
