#!/usr/bin/env bash
# Instruction counts (callgrind) of phoenixd (release) serving N sequential keep-alive GETs
# of PATH, startup excluded: counters are zeroed after a warm-up and dumped after the N
# requests. Independent of machine load, unlike wrk. Prints Ir per request and the top
# functions inclusive; the raw profile is left in OUT (default /tmp/phoenix-callgrind).
#   bench/callgrind-get.sh [PATH] [N]      e.g. bench/callgrind-get.sh /api/v1/containers 2000
source "$(dirname "$0")/lib.sh"
need valgrind
path=${1:-/api/v1/containers}
count=${2:-2000}
out=${OUT:-/tmp/phoenix-callgrind}
[[ -x "$PHOENIXD" ]] || (cd "$ROOT" && swift build -c release --product phoenixd >/dev/null)

rm -rf "$out"; mkdir -p "$out"
port=$(free_port)
valgrind --tool=callgrind --compress-strings=no --callgrind-out-file="$out/callgrind.out" \
  "$PHOENIXD" --state-dir "$out/state" --listen "127.0.0.1:$port" >"$out/stdout" 2>"$out/stderr" &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
for _ in $(seq 1 600); do grep -q "listening on" "$out/stderr" 2>/dev/null && break; sleep 0.1; done
key=$(grep -o 'phx_[0-9a-f]*' "$out/stdout" | head -1)
[[ -n "$key" ]] || { echo "phoenixd did not start:"; tail "$out/stderr"; exit 1; }

client() {  # client N: N sequential GETs on one keep-alive connection
  python3 - "$port" "$key" "$path" "$1" <<'PY'
import http.client, sys
port, key, path, n = int(sys.argv[1]), sys.argv[2], sys.argv[3], int(sys.argv[4])
connection = http.client.HTTPConnection("127.0.0.1", port)
for _ in range(n):
    connection.request("GET", path, headers={"Authorization": "Bearer " + key})
    response = connection.getresponse()
    response.read()
    assert response.status == 200, response.status
PY
}
client 200
callgrind_control --zero "$pid" >/dev/null
client "$count"
callgrind_control --dump=requests "$pid" >/dev/null
kill -TERM "$pid"; wait "$pid" || true
trap - EXIT
profile=$(ls "$out"/callgrind.out.* | head -1)
total=$(callgrind_annotate "$profile" | awk '/PROGRAM TOTALS/ {gsub(",", "", $1); print $1}')
echo "GET $path: $count requests, $total Ir, $((total / count)) Ir/request"
callgrind_annotate --inclusive=yes "$profile" 2>/dev/null | sed -n '/^Ir/,$p' | head -60
