#!/usr/bin/env bash
# GET /api/v1/vms through phoenixd's libvirt driver on 10, 100 and 1000 fixture domains
# (a generated libvirt test-driver node, test:///PATH.xml: half running, half shut off),
# against `virsh -c test:///PATH.xml list --all` on the same node file in the same run.
# phoenixd: wrk with one connection (each request is one full listing), p50 latency.
# virsh: mean wall time of RUNS invocations (includes its start and parsing the node file,
# which phoenixd does once per connection). A benchmark, not a test: nothing is asserted.
source "$(dirname "$0")/lib.sh"
need wrk libvirt-clients
(cd "$ROOT" && swift build -c release --product phoenixd >/dev/null)
RUNS=${RUNS:-10}
LIST_DURATION=${LIST_DURATION:-5s}

work=$(mktemp -d /tmp/phoenix-bench-libvirt.XXXXXX)
PHOENIX_PID=
trap '[[ -n $PHOENIX_PID ]] && kill $PHOENIX_PID 2>/dev/null; rm -rf "$work"' EXIT

# node COUNT FILE: a test-driver node with COUNT domains carrying Phoenix ids in metadata.
node() {
  local count=$1 file=$2
  {
    echo "<node><cpu><mhz>2000</mhz><model>x86_64</model><active>4</active><total>4</total><nodes>1</nodes>"
    echo "<sockets>1</sockets><cores>4</cores><threads>1</threads></cpu><memory>16777216</memory>"
    for i in $(seq 0 $((count - 1))); do
      printf "<domain type='test' xmlns:test='http://libvirt.org/schemas/domain/test/1.0'><name>bench-%d</name>" "$i"
      printf "<uuid>33333333-0000-0000-0000-%012d</uuid>" "$i"
      printf "<metadata><phoenix:resource xmlns:phoenix='https://phoenix.dev/xmlns/libvirt/1' id='%d'/></metadata>" $((1000 + i))
      printf "<memory unit='MiB'>64</memory><vcpu>1</vcpu><os><type arch='x86_64'>hvm</type></os>"
      printf "<test:runstate>%d</test:runstate></domain>\n" $(( i % 2 == 0 ? 1 : 5 ))
    done
    echo "</node>"
  } >"$file"
}

to_ms() { awk -v v="$1" 'BEGIN { if (v ~ /us$/) { sub(/us$/, "", v); v /= 1000 } else if (v ~ /ms$/) { sub(/ms$/, "", v) } else if (v ~ /s$/) { sub(/s$/, "", v); v *= 1000 } printf "%.2f", v }'; }

printf '%-6s %-20s %-22s %-22s %s\n' count "phoenixd GET p50" "per domain" "virsh list --all mean" "ratio virsh/phoenixd"
for count in 10 100 1000; do
  file="$work/node-$count.xml"
  node "$count" "$file"
  state="$work/state-$count"; mkdir -p "$state"
  printf '{"kinds": {"vms": {"driver": "libvirt", "options": {"uri": "test://%s"}}, "containers": {"driver": "none"}, "services": {"driver": "none"}}}\n' \
    "$file" >"$state/phoenix.json"
  port=$(free_port)
  start_phoenixd "$state" "$port" --config "$state/phoenix.json"
  url="http://127.0.0.1:$port/api/v1/vms"
  listed=$(curl -fsS -H "Authorization: Bearer $KEY" "$url" | grep -o '"id":' | wc -l)
  [[ $listed == "$count" ]] || { echo "phoenixd listed $listed of $count"; exit 1; }
  phoenix=$(wrk -t1 -c1 -d"$LIST_DURATION" --latency -H "Authorization: Bearer $KEY" "$url")
  kill "$PHOENIX_PID"; wait "$PHOENIX_PID" 2>/dev/null || true; PHOENIX_PID=

  [[ $(virsh -c "test://$file" list --all --name | grep -c bench-) == "$count" ]] || { echo "virsh does not see $count"; exit 1; }
  start=$(date +%s.%N)
  for _ in $(seq 1 "$RUNS"); do virsh -c "test://$file" list --all >/dev/null; done
  end=$(date +%s.%N)
  virsh_ms=$(awk -v s="$start" -v e="$end" -v n="$RUNS" 'BEGIN { printf "%.2f", (e - s) * 1000 / n }')
  p50_ms=$(to_ms "$(p50_of <<<"$phoenix")")
  printf '%-6s %-20s %-22s %-22s %s\n' "$count" "${p50_ms} ms" \
    "$(awk -v a="$p50_ms" -v n="$count" 'BEGIN { printf "%.1f us", a * 1000 / n }')" "${virsh_ms} ms" \
    "$(awk -v a="$virsh_ms" -v b="$p50_ms" 'BEGIN { printf "%.1fx", a / b }')"
done
echo "($(nproc) cores; phoenixd: wrk -t1 -c1 -d$LIST_DURATION; virsh: mean of $RUNS runs)"
