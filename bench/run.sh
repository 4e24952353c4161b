#!/usr/bin/env bash
# Load benchmark: starts the API (Release) on a database and runs wrk per query class, then the mix.
#   bench/run.sh DB [SECONDS_PER_CLASS] [CONNECTIONS]
# Needs wrk (Debian: apt-get install wrk). Prints requests/s, p50 and p99 latency (ms), errors per
# class, the server's peak RSS, and the time of one full CSV export of the whole dataset.
set -euo pipefail
cd "$(dirname "$0")/.."
db=${1:?usage: bench/run.sh DB [SECONDS] [CONNECTIONS]}
seconds=${2:-10}
connections=${3:-32}
port=5080
work=$(mktemp -d)
trap 'kill $server 2>/dev/null; rm -rf "$work"' EXIT

deep=100000
source bench/server.sh

printf "%-12s %10s %9s %9s %7s\n" class "req/s" "p50 ms" "p99 ms" errors
for class in region_year actor type_range q bbox deep_cursor by_id timeline csv_export mix; do
  curl -s -o /dev/null "$base/health"  # queued behind what is left of the previous class: each class starts on an idle server
  c=$connections; d=$seconds
  [ "$class" = csv_export ] && c=4
  BENCH_DIR="$work" CLASS=$class wrk -t2 -c"$c" -d"${d}s" --timeout 10s -s bench/queries.lua "$base" \
    | awk '/^RESULT/ { printf "%-12s %10s %9s %9s %7s\n", $2, $3, $4, $5, $6 }'
done

start=$(date +%s.%N)
bytes=$(curl -sf "$base/v1/events?format=csv&limit=1000000" | wc -c)
end=$(date +%s.%N)
echo "full CSV export: $bytes bytes in $(echo "$end - $start" | bc) s ($(echo "$bytes / ($end - $start) / 1000000" | bc) MB/s)"
echo "server peak RSS: $(grep VmHWM /proc/$server/status | awk '{print $2/1024 " MB"}')"
