#!/usr/bin/env bash

# SPDX-License-Identifier: Apache-2.0

# How soon a fresh `replay4j serve` answers: for each jar given, RUNS fresh processes in turn (the jars alternating),
# each over ShortRunBench's workload (1,000 recordings); per process the milliseconds from its start to its first
# answered chat completion (curl polling every 5 ms), then the time of one more request, new to it.
#
#   bash bench/first-answer.sh JAR [JAR ...]
#   RUNS=9 bash bench/first-answer.sh OLD.jar NEW.jar
#
# Needs curl and the workload (bench/workload.sh makes it when missing, from ../shared or REPLAY4J_SHARED).
set -euo pipefail

cd "$(dirname "$0")/.."
[ $# -ge 1 ] || { echo "usage: bash bench/first-answer.sh JAR [JAR ...]" >&2; exit 2; }
RUNS=${RUNS:-5}
. bench/workload.sh
command -v curl > /dev/null || { echo "first-answer.sh: curl is missing" >&2; exit 1; }
ensure_workload
FIRST=$(sed -n 2p "$WORK/wrk/bodies-1000.txt")
NEXT=$(sed -n 3p "$WORK/wrk/bodies-1000.txt")
post() {
  curl -s -o /dev/null -f -X POST -H 'Content-Type: application/json' -d "$2" "http://127.0.0.1:$1/v1/chat/completions"
}
ms() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }
once() {
  local port pid start first next
  port=$(free_port)
  start=$(date +%s%N)
  java -Dfile.encoding=UTF-8 -jar "$1" serve --dir "$WORK/short-recordings-1000" --port "$port" > /dev/null 2>&1 &
  pid=$!
  for _ in $(seq 2000); do post "$port" "$FIRST" && break; sleep 0.005; done
  first=$(ms "$start")
  start=$(date +%s%N)
  post "$port" "$NEXT"
  next=$(ms "$start")
  kill "$pid"
  wait "$pid" 2> /dev/null || true
  echo "$1: first answer $first ms after the process started, the next request $next ms"
}
for _ in $(seq "$RUNS"); do
  for jar in "$@"; do
    once "$(realpath "$jar")"
  done
done
