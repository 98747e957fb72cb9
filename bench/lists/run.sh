#!/usr/bin/env bash
# Benchmark of the organiser's longest list, the audit log (issue 12: "lists of 100,000 rows stay responsive"; not a
# test: it prints figures). Starts the Release app on the repository's seeds with a throw-away SQLite file, signs in an
# organiser, fills the log to each size in SIZES (fill.py) and times GET /api/audit, which reads through the same
# AuditLog.PageAsync as the page /organiser/audit. See bench/lists/README.md.
# Knobs (environment): SIZES=1000,100000 REPEAT=30 PORT=5410
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
work="$(mktemp -d /tmp/judging-lists-bench-XXXX)"
source "$root/bench/lib/setup.sh"
trap 'bench_stop; rm -rf "$work"' EXIT
dotnet build "$root/Judging.App" -c Release -v quiet -nologo >/dev/null
PROVIDER=Sqlite INSTANCES=1 bench_start "$work" "$root/seeds"
node "$here/bench.mjs" "$BASE" "$SETUP_LINK" "$work/bench.db"
