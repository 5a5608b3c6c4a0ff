#!/usr/bin/env bash

# SPDX-License-Identifier: Apache-2.0

# Two builds of replay4j (or one with two sets of JVM options) in the phase a short run feels: a fresh `serve` of
# JAR_A, then of JAR_B, each over ShortRunBench's workload (1,000 recordings), loaded by wrk at 16 connections for
# WARM seconds (its own figure: the first seconds) and then one slice per number in SLICES; ROUNDS rounds, the two
# alternating, one process at a time.
#
#   bash bench/ab-fresh.sh JAR_A JAR_B [rounds, default 5]
#   WARM=3 SLICES="2 2" (the defaults); OPTS_A, OPTS_B: JVM options of each, such as -XX:TieredStopAtLevel=1
#
# Needs wrk and the workload (bench/workload.sh makes it when missing, from ../shared or REPLAY4J_SHARED).
set -euo pipefail

cd "$(dirname "$0")/.."
[ $# -ge 2 ] || { echo "usage: bash bench/ab-fresh.sh JAR_A JAR_B [rounds]" >&2; exit 2; }
A=$(realpath "$1"); B=$(realpath "$2"); ROUNDS=${3:-5}; WARM=${WARM:-3}; SLICES=${SLICES:-2 2}
. bench/workload.sh
command -v wrk > /dev/null || { echo "ab-fresh.sh: wrk is missing (Debian: apt-get install wrk)" >&2; exit 1; }
ensure_workload
load() {
  wrk -t2 -c16 -d"$2"s --latency -s "$WORK/wrk/bodies.lua" "http://127.0.0.1:$1/v1/chat/completions" -- "$WORK/wrk/bodies-1000.txt" \
    | awk '/Requests\/sec/ {r = $2} / 50%/ {p = $2} END {printf "%s req/s (p50 %s)", r, p}'
}
fresh() {
  local p pid first line t opts
  read -r -a opts <<< "$3"
  p=$(free_port)
  java "${opts[@]}" -Dfile.encoding=UTF-8 -jar "$1" serve --dir "$WORK/short-recordings-1000" --port "$p" > /dev/null 2>&1 &
  pid=$!
  await_server "$p" "$pid" "$1"
  line="$2 ${3:-(JVM defaults)}: first ${WARM} s $(load "$p" "$WARM")"
  for t in $SLICES; do line="$line | then $t s $(load "$p" "$t")"; done
  kill "$pid"; wait "$pid" 2> /dev/null || true
  echo "$line"
}
for r in $(seq "$ROUNDS"); do
  fresh "$A" A "${OPTS_A:-}"
  fresh "$B" B "${OPTS_B:-}"
done
