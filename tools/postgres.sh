#!/usr/bin/env bash
# A private PostgreSQL server for the tests, the benchmarks and a local run on PostgreSQL: Debian's PostgreSQL 15 (on the
# image; installed with apt when missing), initdb into a folder of its own, listening on 127.0.0.1 and a private port
# with its socket in that folder, trust authentication for the superuser "judging" (loopback only: a throw-away
# server, never a production one).
#
#   tools/postgres.sh start [DIR]   start (initdb on first use); prints the connection string, e.g.
#                                   Host=127.0.0.1;Port=55432;Username=judging;Database=judging
#   tools/postgres.sh stop [DIR]    stop it (fast shutdown); the folder stays for the next start
#   tools/postgres.sh destroy [DIR] stop it and delete the folder
#   tools/postgres.sh url [DIR]     print the connection string of a running server
#   tools/postgres.sh run [ARGS…]   start the server, then the app on it (dotnet run --project Judging.App), database
#                                   "judging", uploaded files in data/ (Judging:Storage:Path); ARGS go to the app
#
# DIR defaults to $JUDGING_PG_DIR or /tmp/judging-pg; the port to $JUDGING_PG_PORT or 55432 (the next free one is taken
# when that is busy). As root, the server runs as the OS user "postgres" (initdb refuses root).
set -euo pipefail
cmd="${1:-}"
dir="${JUDGING_PG_DIR:-/tmp/judging-pg}"
[ "$cmd" != run ] && [ -n "${2:-}" ] && dir="$2"
want_port="${JUDGING_PG_PORT:-55432}"

bin_dir() {
  local initdb
  initdb=$(ls /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -n 1 || true)
  if [ -z "$initdb" ]; then
    echo "PostgreSQL not found; installing Debian's postgresql…" >&2
    local sudo_cmd=""; [ "$(id -u)" = 0 ] || sudo_cmd="sudo"
    $sudo_cmd apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq postgresql >/dev/null
    initdb=$(ls /usr/lib/postgresql/*/bin/initdb | sort -V | tail -n 1)
  fi
  dirname "$initdb"
}

as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

url() {
  echo "Host=127.0.0.1;Port=$(cat "$dir/port");Username=judging;Database=${JUDGING_PG_DATABASE:-judging};Maximum Pool Size=40"
}

free_port() {
  local p=$1
  while (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; do p=$((p + 1)); done
  echo "$p"
}

case "$cmd" in
  run)
    shift || true
    root="$(cd "$(dirname "$0")/.." && pwd)"
    conn=$("$0" start "${JUDGING_PG_DIR:-/tmp/judging-pg}")
    echo "PostgreSQL: $conn" >&2
    exec dotnet run --project "$root/Judging.App" -- \
      "--Judging:Database:Provider=PostgreSQL" "--Judging:Database:ConnectionString=$conn" \
      "--Judging:Storage:Path=${JUDGING_STORAGE:-data}" "$@"
    ;;
  start)
    bin=$(bin_dir)
    mkdir -p "$dir"
    [ "$(id -u)" = 0 ] && chown postgres:postgres "$dir"
    if [ ! -f "$dir/data/PG_VERSION" ]; then
      as_owner "$bin/initdb" -D "$dir/data" -U judging -A trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
        || { cat "$dir/initdb.log" >&2; exit 1; }
    fi
    if as_owner "$bin/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then url; exit 0; fi
    port=$(free_port "$want_port")
    echo "$port" > "$dir/port"
    [ "$(id -u)" = 0 ] && chown postgres:postgres "$dir/port"
    # fsync and synchronous_commit stay on: the durability tests kill the app, and an acknowledged vote must be on disk.
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-p $port -c listen_addresses=127.0.0.1 -c unix_socket_directories=$dir -c max_connections=400 -c shared_buffers=128MB" \
      start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
    url
    ;;
  stop|destroy)
    if [ -f "$dir/data/PG_VERSION" ]; then
      bin=$(bin_dir)
      as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
    fi
    [ "$cmd" = destroy ] && rm -rf "$dir"
    true
    ;;
  url)
    url
    ;;
  *)
    sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'
    exit 2
    ;;
esac
