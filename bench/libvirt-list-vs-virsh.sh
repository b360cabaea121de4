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


printf '%-6s %-20s %-22s %-22s %s\n' count "phoenixd GET p50" "per domain" "virsh list --all mean" "ratio virsh/phoenixd"
for count in 10 100 1000; do
  file="$work/node-$count.xml"
  node "$count" "$file"
  config=$(printf '{"kinds": {"vms": {"driver": "libvirt", "options": {"uri": "test://%s"}}, "containers": {"driver": "none"}, "services": {"driver": "none"}}}' "$file")
  p50_ms=$(list_p50_ms "$work/state-$count" "$config" /api/v1/vms "$count")
  [[ $(virsh -c "test://$file" list --all --name | grep -c bench-) == "$count" ]] || { echo "virsh does not see $count"; exit 1; }
  virsh_ms=$(mean_ms "$RUNS" virsh -c "test://$file" list --all)
  printf '%-6s %-20s %-22s %-22s %s\n' "$count" "${p50_ms} ms" \
    "$(awk -v a="$p50_ms" -v n="$count" 'BEGIN { printf "%.1f us", a * 1000 / n }')" "${virsh_ms} ms" \
    "$(awk -v a="$virsh_ms" -v b="$p50_ms" 'BEGIN { printf "%.1fx", a / b }')"
done
echo "($(nproc) cores; phoenixd: wrk -t1 -c1 -d$LIST_DURATION; virsh: mean of $RUNS runs)"
