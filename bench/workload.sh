#!/usr/bin/env bash

# SPDX-License-Identifier: Apache-2.0

# Sourced by the scripts that load `replay4j serve` with ShortRunBench's workload (ab.sh, ab-fresh.sh,
# first-answer.sh, profile.sh), from the repository's root: where the workload is, making it when it is missing,
# and a free port on loopback.
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
