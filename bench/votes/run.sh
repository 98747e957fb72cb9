#!/usr/bin/env bash
# Benchmark of the public film vote (issue 4; not a test: it prints figures). Starts the Release app on a loopback
# port with the repository's seeds (30 films) in a throw-away SQLite file (WAL, synchronous=FULL stays on: every
# acknowledged vote is on disk), then runs bench.mjs (Node, no dependencies) against it. See bench/votes/README.md.
# Knobs (environment): PORT=5410 VOTERS=25000 CONCURRENCY=32 SECONDS=60 VIEWERS=2000 HEALTH_SECONDS=10 PACED_SECONDS=15 PACED_RATE=20
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
port="${PORT:-5410}"
work="$(mktemp -d /tmp/judging-vote-bench-XXXX)"
app=""
trap '[ -n "$app" ] && kill "$app" 2>/dev/null; [ -n "$app" ] && wait "$app" 2>/dev/null; rm -rf "$work"' EXIT

# 2,000 live viewers need more than the default 1,024 open files, in the app and in the client.
ulimit -n 65536 2>/dev/null || true
dotnet build "$root/Judging.App" -c Release -v quiet -nologo >/dev/null
# The bench measures the vote path, not the limiter's refusals: the per-address and per-/24 vote limits and the daily
# SMS budget (issue 10: 20,000 codes a day by default) are raised.
# Each scripted voter comes from its own /24 (X-Forwarded-For 10.a.b.1, trusted from loopback by KnownProxies) with its
# own user agent, as 10,000 real phones would: the burst detector (fraud thresholds, default 20 votes per film per
# /24 or user agent per minute from new identities) then has nothing to flag and its thresholds stay as they are.
# Serilog stays at Warning: the log SMS gateway prints each code at Warning ("SMS 130****0001 验证码 123456", the number
# masked); it shows codes in Development only, hence --environment=Development (any other environment must choose a
# real gateway).
JUDGING_ROOT="$root" "$root/Judging.App/bin/Release/$(dotnet msbuild "$root/Judging.App" -getProperty:TargetFramework)/Judging.App" \
  --urls "http://127.0.0.1:$port" \
  "--environment=Development" \
  "--Judging:Database:ConnectionString=Data Source=$work/bench.db" \
  "--Judging:DataProtectionKeysPath=$work/keys" \
  "--Judging:SeedsPath=$root/seeds" \
  "--Judging:KnownProxies:0=127.0.0.1" \
  "--Judging:Voting:PerIpPerMinute=100000000" \
  "--Judging:Voting:PerSubnetPerMinute=100000000" \
  "--Judging:Voting:Sms:PerDay=100000000" \
  "--Judging:SignIn:JudgeCodesPerMinute=1000000" \
  "--Serilog:MinimumLevel:Default=Warning" >"$work/app.log" 2>&1 &
app=$!
for _ in $(seq 1 240); do
  curl -sf "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
  kill -0 "$app" 2>/dev/null || { cat "$work/app.log"; exit 1; }
  sleep 0.5
done
node "$here/bench.mjs" "http://127.0.0.1:$port" "$work/app.log"
