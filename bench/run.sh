#!/usr/bin/env bash
# Benchmark of live scoring (issues 2 and 11; not a test: it prints figures). Writes a synthetic competition
# (bench/seeds.mjs) into a temporary folder, starts the Release app on it in one of three setups (see
# bench/lib/setup.sh: PROVIDER=Sqlite|PostgreSQL, INSTANCES=1|2 behind nginx), then runs bench.mjs against it.
# bench/compare.sh runs all three setups. Knobs (environment): JUDGES=10000 CONCURRENCY=32 PAGES=50 DURATION=10 PORT=5410.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
work="$(mktemp -d /tmp/judging-bench-XXXX)"
source "$root/bench/lib/setup.sh"
trap 'bench_stop; rm -rf "$work"' EXIT

(cd "$here" && npm ci --no-audit --no-fund --silent)
dotnet build "$root/Judging.App" -c Release -v quiet -nologo >/dev/null
node "$here/seeds.mjs" "$work/seeds"
bench_start "$work" "$work/seeds" "--Judging:SignIn:JudgeCodesPerMinute=1000000"
[ -n "$SETUP_LINK" ] || { cat $LOGS; exit 1; }
# The seed import gives every judge a fresh random sign-in code (codes in files never sign in on a fresh install):
# read them from the database, in import order (J1, J2, …).
$DB_QUERY 'SELECT "AccessCode" FROM "Judges" ORDER BY "Id"' >"$work/codes.txt"
SETUP="${PROVIDER:-Sqlite}, ${INSTANCES:-1} instance(s)" JUDGE_CODES="$work/codes.txt" node "$here/bench.mjs" "$BASE" "$SETUP_LINK"
