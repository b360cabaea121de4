#!/usr/bin/env bash
# GET /api/v1/containers through phoenixd's lxc driver on 10, 100 and 1000 defined (stopped)
# containers in a temp lxcpath, against `lxc-ls --fancy` on the same lxcpath in the same run.
# phoenixd: wrk with one connection (each request is one full listing), p50 latency.
# lxc-ls: mean wall time of RUNS invocations. A benchmark, not a test: nothing is asserted.
source "$(dirname "$0")/lib.sh"
need wrk lxc lxc-templates busybox-static
(cd "$ROOT" && swift build -c release --product phoenixd >/dev/null && swift build -c release --product phoenix-lxc-helper >/dev/null)
RUNS=${RUNS:-10}
LIST_DURATION=${LIST_DURATION:-5s}

work=$(mktemp -d /tmp/phoenix-bench-lxc.XXXXXX)
PHOENIX_PID=
trap '[[ -n $PHOENIX_PID ]] && kill $PHOENIX_PID 2>/dev/null; lxc-destroy -P "$work/seed" -n seed >/dev/null 2>&1; rm -rf "$work"' EXIT

# One real busybox rootfs; the listed containers are defined by their configs and share it
# (listing reads configs and asks each container's state, it never opens the rootfs).
mkdir -p "$work/seed"
echo "lxc.net.0.type = empty" >"$work/net.conf"
lxc-create -P "$work/seed" -n seed -t busybox -f "$work/net.conf" >/dev/null

printf '%-6s %-22s %-22s %s\n' count "phoenixd GET p50" "lxc-ls --fancy mean" "ratio lxc-ls/phoenixd"
for count in 10 100 1000; do
  lxcpath="$work/lxc-$count"
  mkdir -p "$lxcpath"
  for i in $(seq 1 "$count"); do
    id=$((1000 + i))
    mkdir -p "$lxcpath/$id"
    sed -e "s/^lxc.uts.name = .*/lxc.uts.name = $id/" "$work/seed/seed/config" >"$lxcpath/$id/config"
    printf '{"name":"bench-%s","template":"busybox"}\n' "$id" >"$lxcpath/$id/phoenix.json"
  done
  config=$(printf '{"kinds": {"containers": {"driver": "lxc", "options": {"lxcpath": "%s"}}, "vms": {"driver": "none"}, "services": {"driver": "none"}}}' "$lxcpath")
  p50_ms=$(list_p50_ms "$work/state-$count" "$config" /api/v1/containers "$count")
  [[ $(lxc-ls -P "$lxcpath" -1 | wc -l) == "$count" ]] || { echo "lxc-ls does not see $count"; exit 1; }
  lxcls_ms=$(mean_ms "$RUNS" lxc-ls -P "$lxcpath" --fancy)
  printf '%-6s %-22s %-22s %s\n' "$count" "${p50_ms} ms" "${lxcls_ms} ms" \
    "$(awk -v a="$lxcls_ms" -v b="$p50_ms" 'BEGIN { printf "%.1fx", a / b }')"
done
echo "($(nproc) cores; phoenixd: wrk -t1 -c1 -d$LIST_DURATION; lxc-ls: mean of $RUNS runs)"
