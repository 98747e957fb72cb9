# Sourced by the benchmarks: starts the Release app in one of the setups compared by issue 11 and stops it on exit.
#   bench_start WORK SEEDS [APP ARGS…]   with PROVIDER=Sqlite|PostgreSQL (default Sqlite) and INSTANCES=1|2 (default 1;
#                                        2 needs PostgreSQL: two instances on one database behind nginx, deploy/nginx.conf)
# Sets BASE (the URL clients use), LOGS (the instances' log files, space-separated), FIRST_LOG, DB_QUERY (a command that
# runs one SQL query on the database and prints the rows) and SETUP_LINK (the one-time organiser link, if printed).
# The app runs in Development (the log SMS gateway prints codes there), on loopback ports from PORT (default 5410).
bench_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
source "$bench_root/deploy/nginx-conf.sh"
bench_pids=()
bench_pg=""

bench_stop() {
  for p in "${bench_pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${bench_pids[@]}"; do wait "$p" 2>/dev/null || true; done
  [ -n "$bench_pg" ] && "$bench_root/tools/postgres.sh" destroy "$bench_pg" >/dev/null 2>&1 || true
  bench_pids=(); bench_pg=""
}

bench_start() {
  local work="$1" seeds="$2"; shift 2
  local provider="${PROVIDER:-Sqlite}" instances="${INSTANCES:-1}" port="${PORT:-5410}"
  local tfm exe conn db_args=()
  tfm=$(dotnet msbuild "$bench_root/Judging.App" -getProperty:TargetFramework)
  exe="$bench_root/Judging.App/bin/Release/$tfm/Judging.App"
  mkdir -p "$work"
  if [ "$provider" = PostgreSQL ]; then
    # Its own folder under /tmp: initdb runs as the postgres user, who cannot enter the bench's private work folder.
    bench_pg="$(mktemp -d /tmp/judging-bench-pg-XXXX)"
    conn=$(JUDGING_PG_PORT="${PG_PORT:-55700}" JUDGING_PG_DATABASE=bench "$bench_root/tools/postgres.sh" start "$bench_pg")
    conn="${conn/Maximum Pool Size=40/Maximum Pool Size=100}"
    db_args=("--Judging:Database:Provider=PostgreSQL" "--Judging:Database:ConnectionString=$conn" "--Judging:Storage:Path=$work")
    local pgport; pgport=$(cat "$bench_pg/port")
    DB_QUERY="psql -At -h 127.0.0.1 -p $pgport -U judging -d bench -c"
  else
    [ "$instances" = 1 ] || { echo "INSTANCES=$instances needs PROVIDER=PostgreSQL" >&2; return 1; }
    db_args=("--Judging:Database:ConnectionString=Data Source=$work/bench.db")
    DB_QUERY="python3 $bench_root/bench/lib/sqlite-query.py $work/bench.db"
  fi
  LOGS=""
  local i p pid
  for i in $(seq 1 "$instances"); do
    p=$((port + i))
    JUDGING_ROOT="$bench_root" "$exe" --urls "http://127.0.0.1:$p" "--environment=Development" "${db_args[@]}" \
      "--Judging:DataProtectionKeysPath=$work/keys" "--Judging:SeedsPath=$seeds" \
      "--Judging:KnownProxies:0=127.0.0.1" "--Judging:ForwardLimit=2" \
      "--Serilog:MinimumLevel:Default=Warning" "$@" >"$work/app-$i.log" 2>&1 &
    pid=$!
    bench_pids+=("$pid")
    LOGS="$LOGS $work/app-$i.log"
    # One at a time: the first migrates and seeds.
    for _ in $(seq 1 480); do
      curl -sf "http://127.0.0.1:$p/healthz/live" >/dev/null 2>&1 && break
      kill -0 "$pid" 2>/dev/null || { cat "$work/app-$i.log" >&2; return 1; }
      sleep 0.5
    done
  done
  LOGS="${LOGS# }"
  FIRST_LOG="$work/app-1.log"
  # Each instance that starts while no organiser exists prints a new link and retires the older ones: take the last.
  SETUP_LINK=$(grep -oh 'http://[^ ]*/setup/[0-9a-f]*' "$work/app-$instances.log" | tail -n 1 || true)
  if [ "$instances" -gt 1 ]; then
    command -v nginx >/dev/null 2>&1 || { echo "nginx is not installed (apt-get install nginx)" >&2; return 1; }
    local ports=()
    for i in $(seq 1 "$instances"); do ports+=($((port + i))); done
    nginx_conf "$work/nginx" "$port" off "${ports[@]}"
    nginx -p "$work/nginx" -c "$work/nginx/nginx.conf" &
    bench_pids+=("$!")
    for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/healthz/live" >/dev/null 2>&1 && break; sleep 0.1; done
    BASE="http://127.0.0.1:$port"
  else
    BASE="http://127.0.0.1:$((port + 1))"
  fi
  export BASE LOGS FIRST_LOG DB_QUERY SETUP_LINK
}
