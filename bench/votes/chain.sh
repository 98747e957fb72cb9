#!/usr/bin/env bash
# The verifiable tally's cost on the vote path (issue 14, §2; not a test: it prints figures). Runs phase (a) of bench.mjs
# (accepted votes/s with durable commits) against the Release app with the hash chain off and on, alternating
# (off, on, off, on … ROUNDS times), each on a fresh throw-away database with the repository's seeds, and prints the
# figures side by side with the chain's cost (1 − on/off). Every acknowledged vote is durable in both modes; "off"
# (--Judging:Tally:Chain=false) exists only for this comparison. After each "on" run it checks that the database holds one
# chain link per stored vote.
# Knobs (environment): PROVIDER=Sqlite|PostgreSQL ROUNDS=2 DURATION=20 VOTERS=10000 CONCURRENCY=32 PORT=5410
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
source "$root/bench/lib/setup.sh"
work_root="$(mktemp -d /tmp/judging-chain-bench-XXXX)"
trap 'bench_stop; rm -rf "$work_root"' EXIT
ulimit -n 65536 2>/dev/null || true
dotnet build "$root/Judging.App" -c Release -v quiet -nologo >/dev/null
rounds="${ROUNDS:-2}"
export DURATION="${DURATION:-20}" VOTERS="${VOTERS:-10000}" ONLY_VOTES=1
declare -A rate sum
results=()
for r in $(seq 1 "$rounds"); do
  for chain in off on; do
    work="$work_root/$r-$chain"
    flag=true; [ "$chain" = off ] && flag=false
    bench_start "$work" "$root/seeds" \
      "--Judging:Voting:PerIpPerMinute=100000000" "--Judging:Voting:PerSubnetPerMinute=100000000" \
      "--Judging:Voting:Sms:PerDay=100000000" "--Judging:Tally:Chain=$flag"
    line=$(SETUP="chain $chain" node "$here/bench.mjs" "$BASE" "$LOGS" | grep '^SUMMARY votes')
    persec=$(echo "$line" | awk -F'|' '{gsub(/ /,"",$3); print $3}')
    p99=$(echo "$line" | awk -F'|' '{gsub(/ /,"",$5); print $5}')
    votes=$($DB_QUERY 'SELECT COUNT(*) FROM "VoteRecords"' | tr -d '[:space:]')
    links=$($DB_QUERY 'SELECT COUNT(*) FROM "TallyLinks" WHERE "Body" LIKE '"'"'vote|%'"'"'' | tr -d '[:space:]')
    results+=("round $r, chain $chain: $persec accepted votes/s, p99 $p99 ms; $votes votes stored, $links vote links")
    sum[$chain]=$(( ${sum[$chain]:-0} + persec ))
    if [ "$chain" = on ] && [ "$votes" != "$links" ]; then echo "chain on but $links links for $votes votes" >&2; exit 1; fi
    bench_stop
  done
done
echo ""
echo "Verifiable tally: cost on the vote path (${PROVIDER:-Sqlite}; ${rounds} alternating rounds of ${DURATION} s, ${VOTERS} voters, ${CONCURRENCY:-32} connections; same machine)"
for l in "${results[@]}"; do echo "  $l"; done
off=$(( sum[off] / rounds )); on=$(( sum[on] / rounds ))
echo "  mean: chain off $off votes/s, chain on $on votes/s; cost $(python3 -c "print(f'{(1 - $on / $off) * 100:.1f} %')") (target: under 10 %)"
