# Shared helpers for the benchmark scripts (sourced, not run).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PHOENIXD=${PHOENIXD:-"$ROOT/.build/release/phoenixd"}
DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-64}
THREADS=${THREADS:-2}

need() { "$ROOT/scripts/ensure-packages.sh" "$@"; }

# free_port: a free TCP port on 127.0.0.1
free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

# start_phoenixd STATE_DIR PORT [ARGS...]: starts the release build, sets PHOENIX_PID and KEY
start_phoenixd() {
  local state=$1 port=$2; shift 2
  "$PHOENIXD" --state-dir "$state" --listen "127.0.0.1:$port" "$@" >"$state/stdout" 2>"$state/stderr" &
  PHOENIX_PID=$!
  for _ in $(seq 1 200); do
    grep -q "listening on" "$state/stderr" 2>/dev/null && break
    sleep 0.05
  done
  KEY=$(grep -o 'phx_[0-9a-f]*' "$state/stdout" | head -1)
  [[ -n "$KEY" ]] || { echo "phoenixd did not start:"; cat "$state/stderr"; exit 1; }
}

# wrk_rps URL [HEADER]: requests per second and latency percentiles from wrk
wrk_run() {
  local url=$1; shift
  if (( $# )); then
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -H "$1" "$url"
  else
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "$url"
  fi
}

rps_of() { awk '/Requests\/sec/ {print $2}'; }
p50_of() { awk '$1 == "50%" {print $2}'; }
p99_of() { awk '$1 == "99%" {print $2}'; }

# to_ms VALUE: a wrk latency (850.00us, 1.20ms, 2.00s) in ms.
to_ms() { awk -v v="$1" 'BEGIN { if (v ~ /us$/) { sub(/us$/, "", v); v /= 1000 } else if (v ~ /ms$/) { sub(/ms$/, "", v) } else if (v ~ /s$/) { sub(/s$/, "", v); v *= 1000 } printf "%.2f", v }'; }

# list_p50_ms STATE CONFIG_JSON PATH COUNT: starts phoenixd with that config, checks that
# GET PATH lists COUNT resources, prints the p50 in ms of one listing per request
# (wrk -t1 -c1 -d$LIST_DURATION), stops phoenixd.
list_p50_ms() {
  local state=$1 config=$2 path=$3 count=$4 port url listed result
  mkdir -p "$state"
  printf '%s\n' "$config" >"$state/phoenix.json"
  port=$(free_port)
  start_phoenixd "$state" "$port" --config "$state/phoenix.json"
  url="http://127.0.0.1:$port$path"
  listed=$(curl -fsS -H "Authorization: Bearer $KEY" "$url" | grep -o '"id":' | wc -l)
  [[ $listed == "$count" ]] || { echo "phoenixd listed $listed of $count" >&2; exit 1; }
  result=$(wrk -t1 -c1 -d"$LIST_DURATION" --latency -H "Authorization: Bearer $KEY" "$url")
  kill "$PHOENIX_PID"; wait "$PHOENIX_PID" 2>/dev/null || true; PHOENIX_PID=
  to_ms "$(p50_of <<<"$result")"
}

# mean_ms RUNS COMMAND...: mean wall time of RUNS runs of COMMAND, in ms.
mean_ms() {
  local runs=$1 start end; shift
  start=$(date +%s.%N)
  for _ in $(seq 1 "$runs"); do "$@" >/dev/null; done
  end=$(date +%s.%N)
  awk -v s="$start" -v e="$end" -v n="$runs" 'BEGIN { printf "%.2f", (e - s) * 1000 / n }'
}
