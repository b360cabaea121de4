#!/bin/sh
# Installs the named Debian packages that are not installed yet (apt-get update only then).
# Usage: scripts/ensure-packages.sh PACKAGE...
set -eu

missing=""
for package in "$@"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing="$missing $package"
done
[ -n "$missing" ] || exit 0

sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "installing:$missing" >&2
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
# With recommends, as on the machines the tests were written on (qemu-system-x86 brings
# qemu-utils, whose qemu-img libvirt needs to create qcow2 volumes).
# shellcheck disable=SC2086
$sudo apt-get install -y -qq $missing >/dev/null
