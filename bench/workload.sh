#!/usr/bin/env bash

# SPDX-License-Identifier: Apache-2.0

# Sourced by the scripts that load `replay4j serve` with ShortRunBench's workload (ab.sh, ab-fresh.sh,
# first-answer.sh, profile.sh, serve-cost.sh, flat.sh), from the repository's root: where the workload is, making it
# when it is missing, a free port on loopback, and the wait for a server to answer.
WORK=target/replay-bench

# The 1,000 recordings and wrk's request bodies, made by ShortRunBench (no section run) when any is missing.
ensure_workload() {
  if [ -f "$WORK/wrk/bodies.lua" ] && [ -f "$WORK/wrk/bodies-1000.txt" ] && [ -d "$WORK/short-recordings-1000" ]; then
    return
  fi
  echo "== the workload (ShortRunBench, no section)" >&2
  [ -f replay4j-bench/target/benchmarks.jar ] && [ -f replay4j-cli/target/replay4j.jar ] \
    || mvn -B -q -DskipTests -pl replay4j-cli,replay4j-bench -am package
  java -cp replay4j-bench/target/benchmarks.jar dev.replay4j.bench.replay.ShortRunBench shared="${REPLAY4J_SHARED:-../shared}" \
    work="$WORK" cliJar=replay4j-cli/target/replay4j.jar selfJar=replay4j-bench/target/benchmarks.jar \
    out="$WORK/none.md" sections=none > /dev/null
}

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# Waits until the server on PORT answers (any status), or stops the script: NAME exited, or did not answer in 10 s
# (and is stopped).
await_server() {
  local port=$1 pid=$2 name=$3
  for _ in $(seq 500); do # every 20 ms: ab-fresh.sh times the seconds that follow
    curl -s -o /dev/null "http://127.0.0.1:$port/_replay4j/" && return 0
    kill -0 "$pid" 2> /dev/null || { echo "$name exited before it answered on port $port" >&2; exit 1; }
    sleep 0.02
  done
  kill "$pid" 2> /dev/null || true
  echo "$name did not answer on port $port within 10 s" >&2
  exit 1
}
