#!/usr/bin/env bash
# Benchmark of the public film vote (issues 4 and 11; not a test: it prints figures). Starts the Release app with the
# repository's seeds (30 films) in one of three setups, then runs bench.mjs (Node, no dependencies) against it:
#   PROVIDER=Sqlite (default)   one instance on a throw-away SQLite file (WAL, synchronous=FULL)
#   PROVIDER=PostgreSQL         one instance on a private PostgreSQL 15 (tools/postgres.sh; synchronous_commit=on)
#   PROVIDER=PostgreSQL INSTANCES=2   two instances on that database behind nginx (deploy/nginx.conf): votes go
#                               round-robin, the instance that is not the vote writer forwards its votes in batches
# Every acknowledged vote is durable in each setup. See bench/votes/README.md; bench/compare.sh runs all three.
# Knobs (environment): PORT=5410 VOTERS=25000 CONCURRENCY=32 DURATION=60 VIEWERS=2000 HEALTH_SECONDS=10 PACED_SECONDS=15 PACED_RATE=100
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
work="$(mktemp -d /tmp/judging-vote-bench-XXXX)"
source "$root/bench/lib/setup.sh"
trap 'bench_stop; rm -rf "$work"' EXIT

# 2,000 live viewers need more than the default 1,024 open files, in the app and in the client.
ulimit -n 65536 2>/dev/null || true
dotnet build "$root/Judging.App" -c Release -v quiet -nologo >/dev/null
# The bench measures the vote path, not the limiter's refusals: the per-address and per-/24 vote limits and the daily
# SMS budget (issue 10: 20,000 codes a day by default) are raised.
# Each scripted voter comes from its own /24 (X-Forwarded-For 10.a.b.1, trusted from loopback by KnownProxies, through
# nginx too: ForwardLimit 2) with its own user agent, as 10,000 real phones would: the burst detector then has nothing
# to flag and its thresholds stay as they are. Serilog stays at Warning: the log SMS gateway prints each code at Warning
# ("SMS 130****0001 验证码 123456", the number masked), codes in Development only (bench_start runs it in Development).
bench_start "$work" "$root/seeds" \
  "--Judging:Voting:PerIpPerMinute=100000000" \
  "--Judging:Voting:PerSubnetPerMinute=100000000" \
  "--Judging:Voting:Sms:PerDay=100000000" \
  "--Judging:SignIn:JudgeCodesPerMinute=1000000"
SETUP="${PROVIDER:-Sqlite}, ${INSTANCES:-1} instance(s)" node "$here/bench.mjs" "$BASE" "$LOGS"
