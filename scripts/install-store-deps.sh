#!/bin/sh
# Installs what PhoenixStore builds and tests against: SQLite and libcrypto headers and
# pkg-config. Idempotent; run as root on a fresh Debian 12 machine (CI).
set -eu
packages="pkg-config libsqlite3-dev libssl-dev"
missing=""
for package in $packages; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing="$missing $package"
done
if [ -n "$missing" ]; then
    apt-get update -q
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $missing
fi
pkg-config --exists sqlite3 libcrypto
