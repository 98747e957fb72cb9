#!/usr/bin/env bash
# Deadline-rush benchmark of online declarations (issue 15; not a test: it prints figures). Copies the repository's seeds
# into a temporary folder and adds UNITS units that completed the online registration (seeds.mjs: units.csv and
# registrations.csv, each unit with its own contact mobile), starts the Release app on them with a throw-away SQLite file
# (WAL, synchronous=FULL: every acknowledged save is on disk), then runs bench.mjs (Node, no dependencies): it opens the
# intake windows through the organiser API, signs every unit in by SMS code, and measures drafts saved/s, submissions/s,
# GET /healthz/live and a paced phase side by side, then checks that nothing acknowledged is missing from the database.
# See bench/registration/README.md.
# Knobs (environment): UNITS=2000 CONCURRENCY=32 DURATION=60 SAVES=10 SUBMIT_EVERY=2 HEALTH_SECONDS=10
#   PACED_RATE=500 PACED_SECONDS=15 PACED_DECLARATIONS=600 TWO_PAGES=50 PORT=5410 (PROVIDER=PostgreSQL works as in bench/votes)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
work="$(mktemp -d /tmp/judging-rush-bench-XXXX)"
source "$root/bench/lib/setup.sh"
trap 'bench_stop; rm -rf "$work"' EXIT

dotnet build "$root/Judging.App" -c Release -v quiet -nologo >/dev/null
cp -r "$root/seeds" "$work/seeds"
node "$here/seeds.mjs" "$work/seeds" "${UNITS:-2000}"
# The bench measures declarations, not the sign-in limiter: the per-address bucket of unit codes and sign-ins (default 30
# a minute; every scripted unit comes from 127.0.0.1) is raised. Each unit asks for one code, within the per-mobile limits
# (one a minute, 10 a day), which stay as they are. Serilog stays at Warning: the log SMS gateway prints each code there
# ("SMS 133****0001 验证码 123456"), in Development only (bench_start runs it in Development).
bench_start "$work" "$work/seeds" "--Judging:SignIn:UnitCodesPerMinute=1000000"
node "$here/bench.mjs" "$BASE" "$LOGS" "$SETUP_LINK"
