#!/usr/bin/env bash
# Benchmark (not a test): starts the Release app on a loopback port with a synthetic competition
# (bench/seeds.mjs) in a throw-away SQLite file, then runs bench.mjs against it and prints the figures.
# Knobs (environment): JUDGES=10000 CONCURRENCY=32 PAGES=50 SECONDS=10 PORT=5190.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
port="${PORT:-5190}"
work="$(mktemp -d /tmp/judging-bench-XXXX)"
trap 'kill "$app" 2>/dev/null || true; wait "$app" 2>/dev/null || true; rm -rf "$work"' EXIT

(cd "$here" && npm ci --no-audit --no-fund --silent)
dotnet build "$root/Judging.App" -c Release -v quiet -nologo >/dev/null
node "$here/seeds.mjs" "$work/seeds"

JUDGING_ROOT="$root" "$root/Judging.App/bin/Release/$(dotnet msbuild "$root/Judging.App" -getProperty:TargetFramework)/Judging.App" \
  --urls "http://127.0.0.1:$port" \
  "--Judging:Database:ConnectionString=Data Source=$work/bench.db" \
  "--Judging:DataProtectionKeysPath=$work/keys" \
  "--Judging:SeedsPath=$work/seeds" \
  "--Judging:SignIn:JudgeCodesPerMinute=1000000" \
  "--Judging:Voting:Sms:Gateway=Log" \
  "--Serilog:MinimumLevel:Default=Warning" >"$work/app.log" 2>&1 &
app=$!
for _ in $(seq 1 120); do
  grep -q '^SETUP: ' "$work/app.log" && break
  sleep 0.5
done
link=$(grep -o 'http://[^ ]*/setup/[0-9a-f]*' "$work/app.log" | head -n 1)
[ -n "$link" ] || { cat "$work/app.log"; exit 1; }
# The seed import gives every judge a fresh random sign-in code (codes in files never sign in on a fresh install):
# read them from the database, in import order (J1, J2, …).
python3 -c 'import sqlite3, sys; print("\n".join(r[0] for r in sqlite3.connect(sys.argv[1]).execute("SELECT AccessCode FROM Judges ORDER BY Id")))' \
  "$work/bench.db" >"$work/codes.txt"
JUDGE_CODES="$work/codes.txt" node "$here/bench.mjs" "http://127.0.0.1:$port" "$link"
