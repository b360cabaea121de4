#!/bin/sh
# Installs and starts libvirt + QEMU for the libvirt driver's real-backend tests.
# Idempotent; needs root. There is no systemd here, so the daemons are started by hand.
set -eu

PACKAGES="libvirt-dev libvirt-daemon libvirt-daemon-driver-qemu libvirt-daemon-system libvirt-clients qemu-system-x86 qemu-utils"

"$(dirname "$0")/ensure-packages.sh" $PACKAGES

# QEMU runs as libvirt-qemu; /dev/kvm is root-only by default.
if [ -e /dev/kvm ]; then
    chgrp kvm /dev/kvm && chmod 0660 /dev/kvm
fi

running() { # pidfile
    [ -s "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null
}

if ! running /run/virtlogd.pid && ! pgrep -x virtlogd >/dev/null 2>&1; then
    virtlogd -d -p /run/virtlogd.pid
fi
if ! running /run/libvirtd.pid; then
    if pgrep -x libvirtd >/dev/null 2>&1; then
        # Started some other way; adopt its pid so tests can restart it by pid.
        pgrep -x libvirtd | head -n 1 > /run/libvirtd.pid
    else
        rm -f /run/libvirtd.pid
        libvirtd -d -p /run/libvirtd.pid
    fi
fi

tries=0
until virsh -c qemu:///system list >/dev/null 2>&1; do
    tries=$((tries + 1))
    if [ "$tries" -ge 100 ]; then
        echo "setup-libvirt: libvirtd did not answer within 10 s" >&2
        exit 1
    fi
    sleep 0.1
done
echo "setup-libvirt: libvirtd ready (pid $(cat /run/libvirtd.pid))"
