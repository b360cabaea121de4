#!/usr/bin/env bash
# Installs the Debian packages Phoenix needs, only when some are missing.
#   scripts/install-deps.sh          what building and running phoenixd needs
#   scripts/install-deps.sh --test   also what the test suite and its real backends need
set -euo pipefail

packages=(pkg-config libmicrohttpd-dev libsqlite3-dev libssl-dev
          libvirt-dev lxc-dev)
if [[ "${1:-}" == "--test" ]]; then
  packages+=(libvirt-daemon libvirt-daemon-driver-qemu libvirt-daemon-system libvirt-clients
             qemu-system-x86 lxc lxc-templates busybox-static sqlite3 curl)
fi

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if (( ${#missing[@]} == 0 )); then
  exit 0
fi

sudo=""
if [[ $(id -u) -ne 0 ]]; then sudo="sudo"; fi
echo "installing: ${missing[*]}" >&2
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
