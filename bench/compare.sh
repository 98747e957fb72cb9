#!/usr/bin/env bash
# Issue 11, section 5: the film vote and score submission benchmarks in three setups, one after the other in one run,
# each beside the plain /healthz/live ceiling measured by the same client in that setup:
#   (a) SQLite, one instance; (b) PostgreSQL, one instance; (c) PostgreSQL, two instances behind nginx.
# Prints each bench's full output, then one table. Figures, not assertions: run it on a quiet machine (the client, nginx,
# PostgreSQL and the instances share its cores). Knobs: VOTERS (10000), DURATION (30 s of votes), VIEWERS (500), JUDGES (10000), SCORE_DURATION (10).
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="$(mktemp /tmp/judging-compare-XXXX.txt)"
setups=("Sqlite 1" "PostgreSQL 1" "PostgreSQL 2")
for s in "${setups[@]}"; do
  set -- $s
  echo "=== votes: $1, $2 instance(s)"
  PROVIDER=$1 INSTANCES=$2 VOTERS="${VOTERS:-10000}" DURATION="${DURATION:-30}" VIEWERS="${VIEWERS:-500}" PACED_SECONDS="${PACED_SECONDS:-10}" \
    "$here/votes/run.sh" 2>&1 | tee -a "$out" | grep -v '^\[' 
done
for s in "${setups[@]}"; do
  set -- $s
  echo "=== scores: $1, $2 instance(s)"
  PROVIDER=$1 INSTANCES=$2 JUDGES="${JUDGES:-10000}" DURATION="${SCORE_DURATION:-10}" "$here/run.sh" 2>&1 | tee -a "$out" | grep -v '^signing\|connected$'
done
echo
echo "what | setup | accepted/s | p50 ms | p99 ms | /healthz/live/s | p50 ms | p99 ms | notes"
echo "---|---|---|---|---|---|---|---|---"
grep '^SUMMARY' "$out" | sed 's/^SUMMARY //'
rm -f "$out"
