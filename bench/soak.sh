#!/usr/bin/env bash
# Soak: the query mix of bench/queries.lua at 64 connections for a while, with the server's RSS
# sampled throughout. Fails on any error or when RSS grows more than 10% after the warm-up.
#   bench/soak.sh DB [SECONDS] [CONNECTIONS]        (the README's soak: 600 s; CI runs a short one)
# Soaks shorter than 300 s check errors only: their RSS has not settled yet, so growth is reported, not judged.
set -euo pipefail
cd "$(dirname "$0")/.."
db=${1:?usage: bench/soak.sh DB [SECONDS] [CONNECTIONS]}
seconds=${2:-600}
connections=${3:-64}
port=5090
work=$(mktemp -d)
trap 'kill $server 2>/dev/null; rm -rf "$work"' EXIT

deep=0
source bench/server.sh

# Warm-up, then the soak with RSS sampled every second.
warmup=$(( seconds / 10 > 15 ? seconds / 10 : 15 ))
BENCH_DIR="$work" CLASS=mix wrk -t2 -c"$connections" -d"${warmup}s" -s bench/queries.lua "$base" > /dev/null
warm=$(awk '/VmRSS/ {print $2}' /proc/$server/status)
( while kill -0 $server 2>/dev/null; do awk '/VmRSS/ {print $2}' /proc/$server/status >> "$work/rss.txt"; sleep 1; done ) &
sampler=$!
result=$(BENCH_DIR="$work" CLASS=mix wrk -t2 -c"$connections" -d"${seconds}s" --timeout 10s -s bench/queries.lua "$base" | awk '/^RESULT/')
kill $sampler 2>/dev/null || true
peak=$(sort -n "$work/rss.txt" | tail -1)
read -r _ class rps p50 p99 errors bytes <<<"$result"
growth=$(( (peak - warm) * 100 / warm ))
# The RSS trajectory, one sample a minute: a leak climbs steadily, a warm-up flattens out.
echo "RSS (MB) each minute after warm-up: $(awk 'NR % 60 == 1 {printf "%d ", $1 / 1024}' "$work/rss.txt")"
echo; echo "soak: ${seconds}s at $connections connections: $rps req/s, p50 $p50 ms, p99 $p99 ms, errors $errors; RSS after warm-up $((warm / 1024)) MB, peak $((peak / 1024)) MB (+$growth%)"
[ "$errors" -eq 0 ] || { echo "soak: FAILED: $errors errors" >&2; exit 1; }
if [ "$seconds" -ge 300 ] && [ "$growth" -gt 10 ]; then echo "soak: FAILED: RSS grew $growth% after warm-up" >&2; exit 1; fi
