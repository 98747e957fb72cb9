#!/usr/bin/env bash
# Runs every test: domain (xunit), endpoints and persistence (WebApplicationFactory), and the browser tests (Playwright
# driving Debian's Chromium) on SQLite; then the endpoint, import, flow and durability tests again on PostgreSQL (a
# private server started by tools/postgres.sh and stopped at the end, even on failure), with the two-instance cluster
# tests (two app processes and nginx). Installs what it needs (chromium, fonts-noto-cjk, fonts-wqy-zenhei, postgresql, nginx) when missing. Ends with one line "N passed, N failed, N skipped" over both runs.
#
#   ./test.sh                      everything, both providers
#   ./test.sh --filter X           only the SQLite run, with dotnet test's arguments
#   PROVIDERS=Sqlite ./test.sh     skip the PostgreSQL run
#
# Screenshots land in test-artifacts/screenshots/ (the tests print the folder).
set -uo pipefail
cd "$(dirname "$0")"

providers="${PROVIDERS:-Sqlite PostgreSQL}"
[ $# -gt 0 ] && providers="Sqlite"

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
dpkg -s fonts-noto-cjk >/dev/null 2>&1 || need+=(fonts-noto-cjk)
dpkg -s fonts-wqy-zenhei >/dev/null 2>&1 || need+=(fonts-wqy-zenhei)   # TrueType CJK for the judge report's PDF (PDFsharp)
if [[ " $providers " == *" PostgreSQL "* ]]; then
  ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
  command -v nginx >/dev/null 2>&1 || need+=(nginx)   # the two-instance cluster tests put nginx in front
fi
if [ ${#need[@]} -gt 0 ]; then
  echo "Installing ${need[*]} for the tests…"
  sudo_cmd=""; [ "$(id -u)" = 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${need[@]}" >/dev/null \
    || { echo "Could not install ${need[*]}"; echo "0 passed, 1 failed"; exit 1; }
fi

rm -rf test-artifacts/results
mkdir -p test-artifacts
code=0
dotnet build Judging.Tests -c Release -v quiet -nologo || { echo "0 passed, 1 failed"; exit 1; }

for provider in $providers; do
  case "$provider" in
    Sqlite)
      filter=(); [ $# -eq 0 ] && filter=(--filter "FullyQualifiedName!~Judging.Tests.Cluster")
      dotnet test Judging.Tests -c Release --no-build "${filter[@]}" "$@" \
        --logger "trx;LogFileName=sqlite.trx" --results-directory test-artifacts/results \
        --logger "console;verbosity=normal" || code=1
      ;;
    PostgreSQL)
      pgdir="$(mktemp -d /tmp/judging-test-pg-XXXX)"
      trap 'tools/postgres.sh destroy "$pgdir" >/dev/null 2>&1' EXIT
      if server=$(JUDGING_PG_PORT=55500 tools/postgres.sh start "$pgdir"); then
        server="${server%%;Database=*}"
        echo "PostgreSQL run on $server"
        JUDGING_TEST_PROVIDER=PostgreSQL JUDGING_TEST_PG="$server" dotnet test Judging.Tests -c Release --no-build \
          --filter "(FullyQualifiedName~Judging.Tests.Endpoints|FullyQualifiedName~Judging.Tests.Import|FullyQualifiedName~Judging.Tests.Cluster)&Category!=SqliteOnly" \
          --logger "trx;LogFileName=postgresql.trx" --results-directory test-artifacts/results \
          --logger "console;verbosity=normal" || code=1
      else
        echo "PostgreSQL did not start"; code=1
      fi
      tools/postgres.sh destroy "$pgdir" >/dev/null 2>&1
      trap - EXIT
      ;;
  esac
done

passed=0; failed=0; skipped=0; found=0
for trx in test-artifacts/results/*.trx; do
  [ -f "$trx" ] || continue
  found=1
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  get() { echo "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*'; }
  p=$(get passed); f=$(get failed); t=$(get total); x=$(get executed); e=$(get error); o=$(get timeout)
  passed=$(( passed + ${p:-0} ))
  failed=$(( failed + ${f:-0} + ${e:-0} + ${o:-0} ))
  skipped=$(( skipped + ${t:-0} - ${x:-0} ))
done
[ "$found" = 1 ] || { echo "0 passed, 1 failed"; exit 1; }
[ "$code" -ne 0 ] && [ "$failed" -eq 0 ] && failed=1
echo "${passed} passed, ${failed} failed, ${skipped} skipped"
exit $code
