#!/usr/bin/env bash
# Breadth of the query space: starts the API (Release) on a database as bench/run.sh does and runs
# bench/sweep.py, random compound queries one at a time, each twice (the slowest are printed).
#   bench/sweep.sh DB [QUERIES] [SEED]
set -euo pipefail
cd "$(dirname "$0")/.."
db=${1:?usage: bench/sweep.sh DB [QUERIES] [SEED]}
queries=${2:-500}
seed=${3:-1}
port=5082
work=$(mktemp -d)
trap 'kill $server 2>/dev/null; rm -rf "$work"' EXIT
source bench/server.sh
python3 bench/sweep.py "$base" "$work" "$queries" "$seed"
