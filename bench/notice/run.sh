#!/usr/bin/env bash
# Benchmark of a programme's public notice (公示, issue 16: "a published notice is shared widely, so bench/ prints its
# requests/s beside the plain /healthz/live ceiling measured by the same client in one run"; not a test: it prints
# figures). Starts the Release app on the repository's seeds with a throw-away SQLite file, publishes a notice of
# PROGRAMME (publish.py writes the rows the organiser's page would: formal review passed, proposed levels, the notice
# with its list snapshot, its last day on the seeded working-day calendar), then runs bench.mjs. See bench/notice/README.md.
# Knobs (environment): PORT=5440 PROGRAMME=government-quality-award-2025 CONCURRENCY=32 DURATION=10
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
work="$(mktemp -d /tmp/judging-notice-bench-XXXX)"
source "$root/bench/lib/setup.sh"
trap 'bench_stop; rm -rf "$work"' EXIT
export PORT="${PORT:-5440}" PROGRAMME="${PROGRAMME:-government-quality-award-2025}"
dotnet build "$root/Judging.App" -c Release -v quiet -nologo >/dev/null
PROVIDER=Sqlite INSTANCES=1 bench_start "$work" "$root/seeds"
python3 "$here/publish.py" "$work/bench.db" "$PROGRAMME" "$root/seeds/calendar/cn-workdays.csv"
node "$here/bench.mjs" "$BASE" "$PROGRAMME"
