#!/usr/bin/env bash
# Runs every test: domain (xunit), endpoints and persistence (WebApplicationFactory), and the
# browser tests (Playwright driving Debian's Chromium). Installs what the browser tests need
# (chromium, fonts-noto-cjk) when missing. Ends with one line "N passed, N failed[, N skipped]".
# Screenshots land in test-artifacts/screenshots/ (the tests print the folder).
set -uo pipefail
cd "$(dirname "$0")"

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
dpkg -s fonts-noto-cjk >/dev/null 2>&1 || need+=(fonts-noto-cjk)
if [ ${#need[@]} -gt 0 ]; then
  echo "Installing ${need[*]} for the browser tests…"
  sudo_cmd=""; [ "$(id -u)" = 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${need[@]}" >/dev/null \
    || { echo "Could not install ${need[*]}"; echo "0 passed, 1 failed"; exit 1; }
fi

rm -rf test-artifacts/results
mkdir -p test-artifacts
dotnet test Judging.Tests -c Release "$@" \
  --logger "trx;LogFileName=results.trx" --results-directory test-artifacts/results \
  --logger "console;verbosity=normal"
code=$?

trx=$(ls test-artifacts/results/*.trx 2>/dev/null | head -n 1)
if [ -z "$trx" ]; then
  echo "0 passed, 1 failed"
  exit 1
fi
counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
get() { echo "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*'; }
passed=$(get passed); failed=$(get failed); total=$(get total); executed=$(get executed)
errors=$(get error); timeout=$(get timeout)
failed=$(( ${failed:-0} + ${errors:-0} + ${timeout:-0} ))
skipped=$(( ${total:-0} - ${executed:-0} ))
[ "$code" -ne 0 ] && [ "$failed" -eq 0 ] && failed=1
echo "${passed:-0} passed, ${failed} failed, ${skipped} skipped"
exit $code
