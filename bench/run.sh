#!/usr/bin/env bash
# Load benchmark: starts the API (Release) on a database and runs wrk per query class, then the mix.
#   bench/run.sh DB [SECONDS_PER_RUN] [CONNECTIONS] [RUNS]
#   CLASSES="q bbox" bench/run.sh DB ...   runs only those classes
# Needs wrk (Debian: apt-get install wrk). Each class gets a 3 s warm-up (JIT, page caches), then
# RUNS runs (default 3); prints the median run's requests/s, p50 and p99 latency (ms), the errors
# of all runs, the server's peak RSS, and the time of one full CSV export of the whole dataset.
set -euo pipefail
cd "$(dirname "$0")/.."
db=${1:?usage: bench/run.sh DB [SECONDS] [CONNECTIONS]}
seconds=${2:-10}
connections=${3:-32}
runs=${4:-3}
port=5080
work=$(mktemp -d)
trap 'kill $server 2>/dev/null; rm -rf "$work"' EXIT

deep=100000
source bench/server.sh

# The server's CPU time (user + system, in clock ticks) so far: per request, it is what a query class costs.
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$server/stat"; }
tick_ms=$(( 1000 / $(getconf CLK_TCK) ))

printf "%-12s %10s %9s %9s %7s %12s\n" class "req/s" "p50 ms" "p99 ms" errors "CPU ms/req"
for class in ${CLASSES:-region_year actor type_range q bbox deep_cursor by_id timeline csv_export mix}; do
  curl -s -o /dev/null "$base/health"  # queued behind what is left of the previous class: each class starts on an idle server
  c=$connections; d=$seconds
  [ "$class" = csv_export ] && c=4
  BENCH_DIR="$work" CLASS=$class wrk -t2 -c"$c" -d3s --timeout 10s -s bench/queries.lua "$base" > /dev/null
  for _ in $(seq 1 "$runs"); do
    curl -s -o /dev/null "$base/health"
    before=$(cpu_ticks)
    result=$(BENCH_DIR="$work" CLASS=$class wrk -t2 -c"$c" -d"${d}s" --timeout 10s -s bench/queries.lua "$base" | awk '/^RESULT/')
    echo "$result" | awk -v ticks=$(( $(cpu_ticks) - before )) -v tick_ms="$tick_ms" -v d="$d" '{ printf "%s %.2f\n", $0, ticks * tick_ms / ($3 * d) }'
  done | sort -k3,3n | awk '{ errors += $6; line[NR] = $0 }
    END { split(line[int((NR + 1) / 2)], m, " "); printf "%-12s %10s %9s %9s %7s %12s\n", m[2], m[3], m[4], m[5], errors, m[8] }'
done

start=$(date +%s.%N)
bytes=$(curl -sf "$base/v1/events?format=csv&limit=1000000" | wc -c)
end=$(date +%s.%N)
echo "full CSV export: $bytes bytes in $(echo "$end - $start" | bc) s ($(echo "$bytes / ($end - $start) / 1000000" | bc) MB/s)"
echo "server peak RSS: $(grep VmHWM /proc/$server/status | awk '{print $2/1024 " MB"}')"
