# Shared helpers for the benchmark scripts (sourced, not run).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PHOENIXD="$ROOT/.build/release/phoenixd"
DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-64}
THREADS=${THREADS:-2}

need() {
  local missing=()
  for package in "$@"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
  done
  if (( ${#missing[@]} )); then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}

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
