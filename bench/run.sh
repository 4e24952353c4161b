#!/usr/bin/env bash
# Load benchmark: starts the API (Release) on a database and runs wrk per query class, then the mix.
#   bench/run.sh DB [SECONDS_PER_RUN] [CONNECTIONS] [RUNS]
#   CLASSES="q bbox" bench/run.sh DB ...   runs only those classes
# Needs wrk (Debian: apt-get install wrk). After 30 s of the mix, each class gets a 3 s warm-up, then
# RUNS runs (default 3); prints the median run's requests/s, p50 and p99 latency (ms) and mean
# response size, the errors of all runs, the share of the pages' rows found in the row cache, one
# full export of the whole dataset in each streamed format, and the server's peak RSS. Then, on a
# server started again without the row cache and with every row read by SQLite, per class a run on
# one connection: the server's CPU time per request against the time SQLite spent in the statements
# it ran and in reading the rows (what the API adds to the bare SQL). For the flatness bound (1M
# against 10k), bench/flatness.sh.
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

# The whole mix first, for 30 s: the JIT's tiers settle. Recompiling hot code took a tenth of the
# server's CPU for the first half minute or so (15% after 18 s on a slow hour's machine), and would
# otherwise be charged to the first classes.
BENCH_DIR="$work" CLASS=mix wrk -t2 -c"$connections" -d30s --timeout 10s -s bench/queries.lua "$base" > /dev/null

# Rows the pages took from the row cache (DetailCache) and rows read from the file, so far.
cache_counts() { curl -s -D - -o /dev/null "$base/health" | awk -F'[: ]+' 'tolower($1) == "x-detail-cache" { print $2, $4 }'; }

printf "%-12s %10s %9s %9s %7s %12s %8s %10s\n" class "req/s" "p50 ms" "p99 ms" errors "CPU ms/req" "KB/resp" "row hits"
for class in ${CLASSES:-region_year actor type_range q bbox deep_cursor by_id timeline combined timeline_filtered csv_export mix}; do
  curl -s -o /dev/null "$base/health"  # queued behind what is left of the previous class: each class starts on an idle server
  c=$connections; d=$seconds
  [ "$class" = csv_export ] && c=4
  BENCH_DIR="$work" CLASS=$class wrk -t2 -c"$c" -d3s --timeout 10s -s bench/queries.lua "$base" > /dev/null
  read -r hits0 misses0 <<< "$(cache_counts)"
  for _ in $(seq 1 "$runs"); do
    curl -s -o /dev/null "$base/health"
    before=$(cpu_ticks)
    result=$(BENCH_DIR="$work" CLASS=$class wrk -t2 -c"$c" -d"${d}s" --timeout 10s -s bench/queries.lua "$base" | awk '/^RESULT/')
    echo "$result" | awk -v ticks=$(( $(cpu_ticks) - before )) -v tick_ms="$tick_ms" -v d="$d" '{ printf "%s %.2f\n", $0, ticks * tick_ms / ($3 * d) }'
  done | sort -k3,3n | awk -v d="$d" '{ errors += $6; line[NR] = $0 }
    END { split(line[int((NR + 1) / 2)], m, " "); printf "%-12s %10s %9s %9s %7s %12s %8.0f", m[2], m[3], m[4], m[5], errors, m[8], m[7] / (m[3] * d * 1024) }' \
    | tee -a "$work/under_load"
  read -r hits1 misses1 <<< "$(cache_counts)"
  awk -v h=$(( hits1 - hits0 )) -v m=$(( misses1 - misses0 )) 'BEGIN { if (h + m > 0) printf " %9.0f%%\n", 100 * h / (h + m); else printf " %10s\n", "-" }' \
    | tee -a "$work/under_load"
done

# The whole dataset in each streamed format, one after the other, with the server's RSS before and
# its highest while the export runs (sampled; the issue's bound is growth under 50 MB).
rss_kb() { awk '/^VmRSS/ { print $2 }' "/proc/$server/status"; }
for format in csv ndjson geojson; do
  before=$(rss_kb); highest=$before
  start=$(date +%s.%N)
  curl -sf "$base/v1/events?format=$format&limit=1000000" | wc -c > "$work/bytes" &
  export_pid=$!
  while kill -0 $export_pid 2>/dev/null; do
    now=$(rss_kb); [ "$now" -gt "$highest" ] && highest=$now
    sleep 0.2
  done
  end=$(date +%s.%N)
  awk -v f=$format -v b="$(cat "$work/bytes")" -v s="$(echo "$end - $start" | bc)" -v r0="$before" -v r1="$highest" \
    'BEGIN { printf "full %s export: %d bytes in %.1f s (%.0f MB/s); RSS %.0f MB before, at most %.0f MB during\n", f, b, s, b / s / 1e6, r0 / 1024, r1 / 1024 }'
done
echo "server peak RSS: $(grep VmHWM /proc/$server/status | awk '{print $2/1024 " MB"}')"

# The ratios compare the server's CPU per request with the bare SQLite work the request needs, its
# rows' reads included. With the row cache (DetailCache) and the reads by offset (DetailOffsets) a
# page's rows are not read by SQLite at all, so SQLite's work is measured on a server started again
# without either (after 30 s of the mix again).
kill "$server"; wait "$server" 2>/dev/null || true
SERVER_ARGS="${SERVER_ARGS:-} --Database:DetailCacheMegabytes=0 --Database:ReadRowsByOffset=false" source bench/server.sh
BENCH_DIR="$work" CLASS=mix wrk -t2 -c"$connections" -d30s --timeout 10s -s bench/queries.lua "$base" > /dev/null

# SQLite's statement time so far, in ms (the server sums it; /health reports it before running its own).
sqlite_ms() { curl -s -D - -o /dev/null "$base/health" | awk -F'[: ]+' 'tolower($1) == "x-sqlite-time" { print $2 }'; }

echo
# Two ratios: the CPU per request of this one-connection run over its SQL, and the CPU per request under
# the load above (32 connections, with the row cache) over the same SQL. A lone client's CPU includes what serving one
# request at a time costs the server beyond the request (the thread pool's workers spinning and waking
# for each request: 52 sched_yield calls per region page); under load that is shared.
printf "%-12s %10s %12s %12s %8s %12s\n" class "req/s" "CPU ms/req" "SQLite ms" "ratio" "under load"
for class in ${CLASSES:-region_year actor type_range q bbox deep_cursor by_id timeline combined timeline_filtered}; do
  before=$(cpu_ticks); sql_before=$(sqlite_ms)
  rps=$(BENCH_DIR="$work" CLASS=$class wrk -t1 -c1 -d"${seconds}s" --timeout 10s -s bench/queries.lua "$base" | awk '/^RESULT/ { print $3 }')
  sql_after=$(sqlite_ms); after=$(cpu_ticks)
  loaded=$(awk -v c="$class" '$1 == c { print $6 }' "$work/under_load")
  awk -v c="$class" -v rps="$rps" -v d="$seconds" -v ticks=$(( after - before )) -v tick_ms="$tick_ms" -v s0="$sql_before" -v s1="$sql_after" -v loaded="${loaded:-0}" \
    'BEGIN { n = rps * d; cpu = ticks * tick_ms / n; sql = (s1 - s0) / n
             if (sql < 0.005) { printf "%-12s %10s %12.2f %12s %8s %12s\n", c, rps, cpu, "none", "-", "-"; exit }  # a timeline kept per connection
             printf "%-12s %10s %12.2f %12.2f %8.1f %12.1f\n", c, rps, cpu, sql, cpu / sql, loaded / sql }'
done
echo
