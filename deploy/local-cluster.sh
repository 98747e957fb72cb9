#!/usr/bin/env bash
# Two (or INSTANCES) Judging instances on one PostgreSQL behind nginx, all on loopback: the way to try the multi-instance
# setup of README ("Several instances"). Uses tools/postgres.sh (Debian's PostgreSQL 15), Debian's nginx (installed with
# apt when missing) and the Release build of the app.
#
#   deploy/local-cluster.sh start    build, start PostgreSQL, the instances (ports 5101, 5102, …) and nginx (port 8080)
#   deploy/local-cluster.sh stop     stop all of it (the data stays in $CLUSTER_DIR)
#   deploy/local-cluster.sh status   what runs
#
# Knobs: INSTANCES=2 PORT=8080 FIRST_PORT=5101 CLUSTER_DIR=/tmp/judging-cluster. Logs: $CLUSTER_DIR/app-N.log, nginx/error.log.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
dir="${CLUSTER_DIR:-/tmp/judging-cluster}"
source "$here/nginx-conf.sh"
instances="${INSTANCES:-2}"
port="${PORT:-8080}"
first="${FIRST_PORT:-5101}"
cmd="${1:-}"

stop() {
  if [ -f "$dir/nginx/nginx.pid" ]; then kill "$(cat "$dir/nginx/nginx.pid")" 2>/dev/null || true; rm -f "$dir/nginx/nginx.pid"; fi
  for pidfile in "$dir"/app-*.pid; do
    [ -f "$pidfile" ] || continue
    kill "$(cat "$pidfile")" 2>/dev/null || true
    rm -f "$pidfile"
  done
  JUDGING_PG_DIR="$dir/pg" "$root/tools/postgres.sh" stop "$dir/pg" >/dev/null 2>&1 || true
}

case "$cmd" in
  start)
    mkdir -p "$dir"
    if ! command -v nginx >/dev/null 2>&1; then
      sudo_cmd=""; [ "$(id -u)" = 0 ] || sudo_cmd="sudo"
      $sudo_cmd apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq nginx >/dev/null
    fi
    conn=$(JUDGING_PG_PORT="${PG_PORT:-55600}" JUDGING_PG_DATABASE=judging_cluster "$root/tools/postgres.sh" start "$dir/pg")
    dotnet build "$root/Judging.App" -c Release -v quiet -nologo >/dev/null
    tfm=$(dotnet msbuild "$root/Judging.App" -getProperty:TargetFramework)
    for i in $(seq 1 "$instances"); do
      p=$((first + i - 1))
      JUDGING_ROOT="$root" "$root/Judging.App/bin/Release/$tfm/Judging.App" --urls "http://127.0.0.1:$p" \
        "--Judging:Database:Provider=PostgreSQL" "--Judging:Database:ConnectionString=$conn" \
        "--Judging:Storage:Path=$dir/storage" "--Judging:DataProtectionKeysPath=$dir/keys" \
        "--Judging:KnownProxies:0=127.0.0.1" ${APP_ARGS:-} >"$dir/app-$i.log" 2>&1 &
      echo $! > "$dir/app-$i.pid"
      # The first instance migrates and seeds; the others start after it is healthy.
      for _ in $(seq 1 240); do
        curl -sf "http://127.0.0.1:$p/healthz" >/dev/null 2>&1 && break
        kill -0 "$(cat "$dir/app-$i.pid")" 2>/dev/null || { cat "$dir/app-$i.log"; stop; exit 1; }
        sleep 0.5
      done
    done
    ports=()
    for i in $(seq 1 "$instances"); do ports+=($((first + i - 1))); done
    nginx_conf "$dir/nginx" "$port" on "${ports[@]}"
    nginx -p "$dir/nginx" -c "$dir/nginx/nginx.conf"
    echo "PostgreSQL: $conn"
    for i in $(seq 1 "$instances"); do echo "instance $i: http://127.0.0.1:$((first + i - 1)) (log $dir/app-$i.log)"; done
    echo "nginx:      http://127.0.0.1:$port"
    grep -h '^SETUP: ' "$dir"/app-*.log | head -n 1 || true
    ;;
  stop)
    stop
    ;;
  status)
    for pidfile in "$dir"/app-*.pid "$dir/nginx/nginx.pid"; do
      [ -f "$pidfile" ] && { kill -0 "$(cat "$pidfile")" 2>/dev/null && echo "$(basename "$pidfile" .pid): running" || echo "$(basename "$pidfile" .pid): stopped"; }
    done
    JUDGING_PG_DIR="$dir/pg" "$root/tools/postgres.sh" url "$dir/pg" 2>/dev/null || echo "PostgreSQL: stopped"
    ;;
  *)
    sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'
    exit 2
    ;;
esac
