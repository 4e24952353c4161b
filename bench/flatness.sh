#!/usr/bin/env bash
# Flatness: each list class's p50 on a large dataset against a small one, on two servers side by side,
# alternating (large, small, small, large) so that the machine's drift weighs on both alike.
#   bench/flatness.sh LARGE_DB SMALL_DB [SECONDS] [CONNECTIONS]
# Prints per class the mean p50 of two runs on each, their ratio (the issue's bound: 1.5 at most) and the mean
# response size on each. Where the small dataset's pages are smaller (a box at 10k holds fewer events
# than the page), the class runs again on the large one with pages of the same size (PAGE_LIMIT in
# bench/queries.lua), which compares the two at the same work per response.
set -euo pipefail
cd "$(dirname "$0")/.."
large=${1:?usage: bench/flatness.sh LARGE_DB SMALL_DB [SECONDS] [CONNECTIONS]}
small=${2:?usage: bench/flatness.sh LARGE_DB SMALL_DB [SECONDS] [CONNECTIONS]}
seconds=${3:-5}
connections=${4:-32}
deep=100000
servers=()
works=()
trap 'kill "${servers[@]}" 2>/dev/null; rm -rf "${works[@]}"' EXIT

# Each server as bench/server.sh starts it, with its own ids and cursors.
start() {
  db=$1 port=$2 work=$(mktemp -d)
  works+=("$work")
  source bench/server.sh
  servers+=("$server")
}
start "$large" 5080
start "$small" 5081
large_dir=${works[0]} small_dir=${works[1]}

# One run: "p50_ms bytes_per_response".
run() {
  local dir=$1 url=$2 class=$3 limit=$4
  BENCH_DIR="$dir" CLASS=$class PAGE_LIMIT=$limit wrk -t2 -c"$connections" -d"${seconds}s" --timeout 10s -s bench/queries.lua "$url" \
    | awk '/^RESULT/ { printf "%s %.0f\n", $4, $7 / ($3 * '"$seconds"') }'
}

# The mean of runs' p50s and sizes: "p50 KB".
mean() { awk '{ p += $1; b += $2 } END { printf "%.2f %.0f\n", p / NR, b / NR / 1024 }'; }

# A class alternating between the servers after a warm-up on each: "large_p50 large_KB small_p50 small_KB".
alternate() {
  local class=$1 limit=$2
  run "$large_dir" http://127.0.0.1:5080 "$class" "$limit" > /dev/null
  run "$small_dir" http://127.0.0.1:5081 "$class" 100 > /dev/null
  local a b c d
  a=$(run "$large_dir" http://127.0.0.1:5080 "$class" "$limit")
  b=$(run "$small_dir" http://127.0.0.1:5081 "$class" 100)
  c=$(run "$small_dir" http://127.0.0.1:5081 "$class" 100)
  d=$(run "$large_dir" http://127.0.0.1:5080 "$class" "$limit")
  echo "$(printf "%s\n%s\n" "$a" "$d" | mean) $(printf "%s\n%s\n" "$b" "$c" | mean)"
}

# The whole mix first, on both: the JIT's tiers settle (as in run.sh).
BENCH_DIR="$large_dir" CLASS=mix wrk -t2 -c"$connections" -d20s --timeout 10s -s bench/queries.lua http://127.0.0.1:5080 > /dev/null
BENCH_DIR="$small_dir" CLASS=mix wrk -t2 -c"$connections" -d20s --timeout 10s -s bench/queries.lua http://127.0.0.1:5081 > /dev/null

printf "%-12s %10s %10s %7s %10s %10s\n" class "p50 large" "p50 small" ratio "KB large" "KB small"
for class in region_year actor type_range q bbox deep_cursor; do
  read -r lp lk sp sk <<< "$(alternate "$class" 100)"
  awk -v c="$class" -v lp="$lp" -v lk="$lk" -v sp="$sp" -v sk="$sk" 'BEGIN { printf "%-12s %10s %10s %7.2f %10s %10s\n", c, lp, sp, lp / sp, lk, sk }'
  # Pages of the small dataset's size on the large one, when they are a tenth smaller or more (a
  # deep cursor's pages are full at both).
  [ "$class" = deep_cursor ] && continue
  limit=$(awk -v lk="$lk" -v sk="$sk" 'BEGIN { if (sk < 0.9 * lk) printf "%d", 100 * sk / lk + 0.5 }')
  [ -n "$limit" ] || continue
  read -r lp lk sp sk <<< "$(alternate "$class" "$limit")"
  awk -v c="$class" -v l="$limit" -v lp="$lp" -v lk="$lk" -v sp="$sp" -v sk="$sk" \
    'BEGIN { printf "%-12s %10s %10s %7.2f %10s %10s   (large at limit=%s)\n", c, lp, sp, lp / sp, lk, sk, l }'
done
