#!/usr/bin/env bash

# SPDX-License-Identifier: Apache-2.0

# Two builds of replay4j side by side, for a change's measured worth: `serve` from JAR_A and from JAR_B over
# ShortRunBench's workload (1,000 recordings), each warmed by wrk, then ROUNDS rounds of 3 s slices alternating
# between them at 16 connections (CONNECTIONS=N for another count); prints each slice's req/s and p50.
#
#   bash bench/ab.sh JAR_A JAR_B [warm-up seconds, default 30] [rounds, default 4]
#   CONNECTIONS=256 bash bench/ab.sh JAR_A JAR_B
#
# A jar of an earlier commit: git worktree add /tmp/old COMMIT && (cd /tmp/old && mvn -B -q -DskipTests
# -pl replay4j-cli -am package) && cp /tmp/old/replay4j-cli/target/replay4j.jar /tmp/replay4j-old.jar
# Needs wrk and the workload (bench/workload.sh makes it when missing, from ../shared or REPLAY4J_SHARED).
set -euo pipefail

cd "$(dirname "$0")/.."
[ $# -ge 2 ] || { echo "usage: bash bench/ab.sh JAR_A JAR_B [warm-up seconds] [rounds]" >&2; exit 2; }
A=$(realpath "$1"); B=$(realpath "$2"); WARM=${3:-30}; ROUNDS=${4:-4}
. bench/workload.sh
command -v wrk > /dev/null || { echo "ab.sh: wrk is missing (Debian: apt-get install wrk)" >&2; exit 1; }
ensure_workload
PA=$(free_port); PB=$(free_port)
java -Dfile.encoding=UTF-8 -jar "$A" serve --dir "$WORK/short-recordings-1000" --port "$PA" > /dev/null 2>&1 &
IA=$!
java -Dfile.encoding=UTF-8 -jar "$B" serve --dir "$WORK/short-recordings-1000" --port "$PB" > /dev/null 2>&1 &
IB=$!
trap 'kill $IA $IB 2> /dev/null || true' EXIT
await_server "$PA" "$IA" "$A"
await_server "$PB" "$IB" "$B"
run() {
  wrk -t"$(( ${CONNECTIONS:-16} > 1 ? 2 : 1 ))" -c"${CONNECTIONS:-16}" -d"$2"s --latency -s "$WORK/wrk/bodies.lua" "http://127.0.0.1:$1/v1/chat/completions" -- "$WORK/wrk/bodies-1000.txt" \
    | awk '/Requests\/sec/ {r = $2} / 50%/ {p = $2} /Non-2xx|Socket errors/ {e = $0} END {printf "%s req/s, p50 %s %s\n", r, p, e}'
}
echo "A: $A"; echo "B: $B"
echo -n "A warm-up ${WARM} s: "; run "$PA" "$WARM"
echo -n "B warm-up ${WARM} s: "; run "$PB" "$WARM"
for i in $(seq "$ROUNDS"); do
  echo -n "round $i, A: "; run "$PA" 3
  echo -n "round $i, B: "; run "$PB" 3
done
