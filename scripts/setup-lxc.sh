#!/bin/sh
# Installs what the LXC driver and its tests need, idempotently (CI runs as root on a fresh
# Debian 12 without systemd as PID 1). Nothing is started: liblxc needs no daemon, and the
# driver's containers use `lxc.net.0.type = empty`, so no bridge (lxcbr0) is required.
set -eu

packages="lxc lxc-dev lxc-templates busybox-static rsync iproute2"
"$(dirname "$0")/ensure-packages.sh" $packages

# liblxc needs the cgroup hierarchies mounted; report the layout the driver will detect.
if [ -e /sys/fs/cgroup/cgroup.controllers ]; then
    echo "setup-lxc: cgroup layout unified (lxc.cgroup2.* keys)"
else
    echo "setup-lxc: cgroup layout v1/hybrid (lxc.cgroup.* keys)"
fi
pkg-config --exists lxc && echo "setup-lxc: liblxc $(pkg-config --modversion lxc) ready"
