#!/usr/bin/env bash
# Benchmark of crafted Word documents (issue 10, item 2; not a test: it prints figures). Starts the Release app on a
# loopback port with the repository's seeds in a throw-away SQLite file, generates a 98 KB .docx whose word/document.xml
# holds 63 MB of empty paragraphs (<w:p/>), uploads three of them at once through a submission link, and prints the
# server's resident memory (VmRSS from /proc/<pid>/status) idle, at its highest during the uploads and after, with each
# upload's status and time. See bench/docx/README.md. Knobs (environment): PORT=5420 UPLOADS=3 MEGABYTES=63
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
port="${PORT:-5420}"
work="$(mktemp -d /tmp/judging-docx-bench-XXXX)"
app=""
trap '[ -n "$app" ] && kill "$app" 2>/dev/null; [ -n "$app" ] && wait "$app" 2>/dev/null; rm -rf "$work"' EXIT

dotnet build "$root/Judging.App" -c Release -v quiet -nologo >/dev/null
JUDGING_ROOT="$root" "$root/Judging.App/bin/Release/$(dotnet msbuild "$root/Judging.App" -getProperty:TargetFramework)/Judging.App" \
  --urls "http://127.0.0.1:$port" \
  "--Judging:Database:ConnectionString=Data Source=$work/bench.db" \
  "--Judging:DataProtectionKeysPath=$work/keys" \
  "--Judging:SeedsPath=$root/seeds" \
  "--Serilog:MinimumLevel:Default=Warning" >"$work/app.log" 2>&1 &
app=$!
for _ in $(seq 1 240); do
  curl -sf "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
  kill -0 "$app" 2>/dev/null || { cat "$work/app.log"; exit 1; }
  sleep 0.5
done
python3 "$here/bench.py" "http://127.0.0.1:$port" "$app" "$work/bench.db" "${UPLOADS:-3}" "${MEGABYTES:-63}"
