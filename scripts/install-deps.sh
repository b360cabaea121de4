#!/bin/sh
# Installs the Debian packages Phoenix needs, only when some are missing.
#   scripts/install-deps.sh          what building and running phoenixd needs
#   scripts/install-deps.sh --test   also what the test suite and its real backends need
set -eu
here=$(dirname "$0")

packages="pkg-config libmicrohttpd-dev libsqlite3-dev libssl-dev libvirt-dev lxc-dev"
if [ "${1:-}" = "--test" ]; then
  packages="$packages libvirt-daemon libvirt-daemon-driver-qemu libvirt-daemon-system libvirt-clients
            qemu-system-x86 qemu-utils lxc lxc-templates busybox-static rsync iproute2 sqlite3 curl"
fi
# shellcheck disable=SC2086
"$here/ensure-packages.sh" $packages
