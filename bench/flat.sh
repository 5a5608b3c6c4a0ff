#!/usr/bin/env bash

# SPDX-License-Identifier: Apache-2.0

# Flat in recordings, measured with wrk: two fresh `replay4j serve`s, one over 100 recordings and one over 3,000 of
# ReplayBench's workload (the same 100 real exchanges, repeated with "user": "bench-<n>"), each loaded by wrk at 16
# connections for WARM seconds over all its recordings' request bodies, then ROUNDS rounds of 5 s, the two in turn.
# Prints each round and the ratio of the median rates (3,000 against 100). ReplayBench measures the same with the
# Java generator after its shorter warm-up (bench/run.sh); this is the steady state, with the generator the targets
# are judged on.
#
#   bash bench/flat.sh [JAR]            default replay4j-cli/target/replay4j.jar (built when missing)
#   WARM=30 ROUNDS=6 bash bench/flat.sh  (the defaults)
#
# The recordings: ReplayBench's of the last bench/run.sh (target/replay-bench/replay/recordings-100 and -3000) when
# both are there whole; else target/flat/workload, made once by ReplayBench only=workload. Needs wrk, curl, python3
# and ../shared (or REPLAY4J_SHARED).
set -euo pipefail

cd "$(dirname "$0")/.."
WARM=${WARM:-30}; ROUNDS=${ROUNDS:-6}
[ "$ROUNDS" -ge 1 ] 2> /dev/null || { echo "flat.sh: ROUNDS must be a number of 1 or more, not $ROUNDS" >&2; exit 2; }
. bench/workload.sh
command -v wrk > /dev/null || { echo "flat.sh: wrk is missing (Debian: apt-get install wrk)" >&2; exit 1; }
if [ $# -ge 1 ]; then
  [ -f "$1" ] || { echo "flat.sh: no jar $1" >&2; exit 1; }
  JAR=$(realpath "$1")
else
  JAR=$(realpath -m replay4j-cli/target/replay4j.jar)
fi
[ -f "$JAR" ] && [ -f replay4j-bench/target/benchmarks.jar ] || mvn -B -q -DskipTests -pl replay4j-cli,replay4j-bench -am package
ensure_workload # wrk's script, bodies.lua
FLAT=target/flat
whole() { # FOLDER COUNT: the folder holds COUNT recordings
  [ -d "$1" ] && [ "$(find "$1" -name '*.json' | wc -l)" -eq "$2" ]
}
DIR=$WORK/replay
if ! whole "$DIR/recordings-100" 100 || ! whole "$DIR/recordings-3000" 3000; then
  DIR=$FLAT/workload
  if ! whole "$DIR/recordings-100" 100 || ! whole "$DIR/recordings-3000" 3000; then
    echo "== the workload (ReplayBench only=workload, into $DIR)" >&2
    java -cp replay4j-bench/target/benchmarks.jar dev.replay4j.bench.replay.ReplayBench shared="${REPLAY4J_SHARED:-../shared}" \
      work="$DIR" cliJar="$JAR" selfJar=replay4j-bench/target/benchmarks.jar wiremockJar=none out="$DIR/none.md" \
      counts=100,3000 only=workload > /dev/null
  fi
fi
echo "recordings: $DIR/recordings-100 and -3000; jar: $JAR"
mkdir -p "$FLAT"
for n in 100 3000; do # wrk's bodies, one a line: each recording's request body as it was sent
  python3 - "$DIR/recordings-$n" "$FLAT/bodies-$n.txt" <<'EOF'
import json, pathlib, sys
with open(sys.argv[2], "w", encoding="utf-8") as out:
    for f in sorted(pathlib.Path(sys.argv[1]).rglob("*.json")):
        out.write(json.dumps(json.loads(f.read_text(encoding="utf-8"))["request"]["body"], separators=(",", ":"), ensure_ascii=False) + "\n")
EOF
done
declare -A PORT PID
trap 'kill ${PID[100]:-} ${PID[3000]:-} 2> /dev/null || true' EXIT
for n in 100 3000; do
  PORT[$n]=$(free_port)
  java -Dfile.encoding=UTF-8 -jar "$JAR" serve --dir "$DIR/recordings-$n" --port "${PORT[$n]}" > "$FLAT/serve-$n.log" 2>&1 &
  PID[$n]=$!
done
for n in 100 3000; do
  await_server "${PORT[$n]}" "${PID[$n]}" "serve over $n recordings (log: $FLAT/serve-$n.log)"
done
load() { # n seconds: req/s, and the non-2xx answers if any (a miss would be one: the bodies must all be recorded)
  wrk -t2 -c16 -d"$2"s -s "$WORK/wrk/bodies.lua" "http://127.0.0.1:${PORT[$1]}/v1/chat/completions" -- "$FLAT/bodies-$1.txt" \
    | awk '/Non-2xx/ {bad = $NF} /Requests\/sec/ {rate = $2} END {print rate (bad ? " (" bad " non-2xx)" : "")}'
}
echo "warm-up, $WARM s each: 100 recordings $(load 100 "$WARM") req/s, 3,000 recordings $(load 3000 "$WARM") req/s"
rates100=(); rates3000=()
for r in $(seq "$ROUNDS"); do
  a=$(load 100 5); b=$(load 3000 5)
  echo "round $r: 100 recordings $a req/s, 3,000 recordings $b req/s"
  rates100+=("${a%% *}"); rates3000+=("${b%% *}")
done
python3 -c "
import statistics, sys
a = [float(x) for x in sys.argv[1].split()]; b = [float(x) for x in sys.argv[2].split()]
print(f'3,000 against 100 recordings: {statistics.median(b) / statistics.median(a):.2f} of the rate (medians of {len(a)} rounds, wrk, 16 connections, after $WARM s)')
" "${rates100[*]}" "${rates3000[*]}"
