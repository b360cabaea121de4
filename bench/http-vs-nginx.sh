#!/usr/bin/env bash
# GET /api/v1/containers on phoenixd (release, embedded default, with auth, access log to a
# file) against nginx serving the same response bytes as a static file, same wrk settings,
# same run. Prints both and the ratio. A benchmark, not a test: nothing here is asserted.
source "$(dirname "$0")/lib.sh"
need wrk nginx-light
[[ -x "$PHOENIXD" ]] || (cd "$ROOT" && swift build -c release --product phoenixd >/dev/null)

work=$(mktemp -d /tmp/phoenix-bench.XXXXXX)
chmod 755 "$work"  # nginx workers run unprivileged
trap 'kill $PHOENIX_PID 2>/dev/null || true; [[ -f $work/nginx.pid ]] && kill $(cat $work/nginx.pid) 2>/dev/null || true; rm -rf "$work"' EXIT
port=$(free_port)
start_phoenixd "$work" "$port"
url="http://127.0.0.1:$port/api/v1/containers"
curl -fsS -H "Authorization: Bearer $KEY" "$url" >"$work/containers.json"

nport=$(free_port)
mkdir -p "$work/www/api/v1"
cp "$work/containers.json" "$work/www/api/v1/containers"
cat >"$work/nginx.conf" <<CONF
worker_processes 2;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log $work/nginx-access.log;
  default_type application/json;
  keepalive_requests 1000000;
  server { listen 127.0.0.1:$nport; root $work/www; }
}
CONF
nginx -c "$work/nginx.conf" -p "$work"
sleep 0.3
cmp -s <(curl -fsS "http://127.0.0.1:$nport/api/v1/containers") "$work/containers.json"

echo "response: $(wc -c <"$work/containers.json") bytes; wrk -t$THREADS -c$CONNECTIONS -d$DURATION on $(nproc) cores"
phoenix=$(wrk_run "$url" "Authorization: Bearer $KEY")
nginx=$(wrk_run "http://127.0.0.1:$nport/api/v1/containers")
p_rps=$(rps_of <<<"$phoenix"); n_rps=$(rps_of <<<"$nginx")
printf '%-10s %12s req/s  p50 %-8s p99 %s\n' phoenixd "$p_rps" "$(p50_of <<<"$phoenix")" "$(p99_of <<<"$phoenix")"
printf '%-10s %12s req/s  p50 %-8s p99 %s\n' nginx "$n_rps" "$(p50_of <<<"$nginx")" "$(p99_of <<<"$nginx")"
awk -v p="$p_rps" -v n="$n_rps" 'BEGIN { printf "ratio phoenixd/nginx: %.2f\n", p / n }'
