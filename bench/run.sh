#!/usr/bin/env bash
# Runs every benchmark in bench/ in turn.
set -euo pipefail
cd "$(dirname "$0")"
for script in ./*-vs-*.sh ./*-list-*.sh; do
  [[ -x "$script" ]] || continue
  echo "== $script"
  "$script"
done
