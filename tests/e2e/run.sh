#!/usr/bin/env bash
# End-to-end checks against a live server, as the API's users meet it: the OpenAPI document linted by
# Spectral, a TypeScript client typed from it, the explorer and Swagger UI in Debian's Chromium, the
# README's pandas, R and GeoJSON examples; and the importer on a disk that fills up. Installs its npm
# packages itself (npm ci); Chromium, pandas, R and sqlite3 come from Debian's packages (.ci/run
# installs them) and their checks are skipped, visibly, when absent.
# Ends with one line: "N passed, N failed[, N skipped]". Screenshots go to $E2E_ARTIFACTS (default tests/e2e/artifacts).
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
export E2E_ARTIFACTS=${E2E_ARTIFACTS:-$here/artifacts}
port=${E2E_PORT:-5199}
export E2E_BASE="http://127.0.0.1:$port"
work=$(mktemp -d)
server=""
cleanup() { [ -n "$server" ] && kill "$server" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
mkdir -p "$E2E_ARTIFACTS"

passed=0; failed=0; skipped=0
pass() { echo "PASS $1"; passed=$((passed + 1)); }
fail() { echo "FAIL $1"; sed 's/^/    /' "$2" | tail -40; failed=$((failed + 1)); }
skip() { echo "SKIP $1"; skipped=$((skipped + 1)); }
check() { local name=$1; shift; if "$@" >"$work/$name.log" 2>&1; then pass "$name"; else fail "$name" "$work/$name.log"; fi; }

(cd "$here" && npm ci --no-audit --no-fund --loglevel=error) || { echo "npm ci failed"; echo "0 passed, 1 failed"; exit 1; }

# A dataset large enough to page and chart (synthetic, through the project's own storage code), and a server on it.
cd "$root"
dotnet build -c Release src/EventsApi --nologo -v quiet >"$work/build.log" 2>&1 || { cat "$work/build.log"; echo "0 passed, 1 failed"; exit 1; }
dotnet run -c Release --no-build --project src/EventsApi.Importer -- generate --events 3000 --db "$work/e2e.db" >/dev/null || { echo "0 passed, 1 failed"; exit 1; }
ASPNETCORE_URLS="$E2E_BASE" Database__Path="$work/e2e.db" Import__OnStartup=Never \
  dotnet src/EventsApi/bin/Release/net10.0/EventsApi.dll --contentRoot "$root/src/EventsApi" >"$work/server.log" 2>&1 &
server=$!
for _ in $(seq 60); do curl -fs "$E2E_BASE/health" >/dev/null && break; sleep 0.5; done
curl -fs "$E2E_BASE/health" >/dev/null || { cat "$work/server.log"; echo "0 passed, 1 failed"; exit 1; }

cd "$here"
check openapi-lint npx spectral lint "$root/openapi/v1.json" --ruleset .spectral.yaml --fail-severity=warn
check typescript-client bash -c "npx openapi-typescript '$root/openapi/v1.json' -o client/generated/v1.d.ts \
  && npx tsc --strict -p client && node client/dist/list-events.js '$E2E_BASE'"

if [ -x "${CHROMIUM:-/usr/bin/chromium}" ]; then
  node --test --test-reporter=tap browser/ >"$work/browser.log" 2>&1
  p=$(sed -n 's/^# pass \([0-9]*\)/\1/p' "$work/browser.log"); f=$(sed -n 's/^# fail \([0-9]*\)/\1/p' "$work/browser.log")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-1}))
  grep -E '^(not )?ok ' "$work/browser.log" | sed 's/^/browser: /'
  [ "${f:-1}" -ne 0 ] && sed 's/^/    /' "$work/browser.log" | tail -60
else
  skip "browser tests: no Chromium at ${CHROMIUM:-/usr/bin/chromium} (apt-get install chromium)"
fi

# The importer on a disk that fills up halfway (a real tmpfs; skipped without root).
"$root/tests/faults/full-disk.sh" >"$work/full-disk.log" 2>&1
case $? in
  0) pass "full-disk import: $(tail -1 "$work/full-disk.log")" ;;
  77) skip "full-disk import: $(tail -1 "$work/full-disk.log")" ;;
  *) fail "full-disk import" "$work/full-disk.log" ;;
esac

node examples/readme-examples.mjs
read -r p f s <"$E2E_ARTIFACTS/readme-examples.counts"
passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + s))

line="$passed passed, $failed failed"
[ "$skipped" -gt 0 ] && line="$line, $skipped skipped"
echo "$line"
[ "$failed" -eq 0 ]
