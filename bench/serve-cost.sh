#!/usr/bin/env bash

# SPDX-License-Identifier: Apache-2.0

# What a request costs a warm server: for each argument, a fresh `replay4j serve` of that jar over ShortRunBench's
# workload (1,000 recordings), or a bare server, loaded by wrk at CONNECTIONS connections for WARM seconds, then 5 s
# measured: its req/s, the process's CPU time per request (/proc/PID/stat), its threads' context switches per request
# (/proc/PID/task/*/status) and its thread count. Linux only.
#
#   bash bench/serve-cost.sh JAR|bare|bare-socket|bare-pooled ...
#   CONNECTIONS=256 WARM=40 RUNS=3 bash bench/serve-cost.sh BOUND200.jar BOUND512.jar     (the defaults)
#   bash bench/serve-cost.sh bare-socket bare replay4j-cli/target/replay4j.jar
#   NMT=1 bash bench/serve-cost.sh JAR     also the committed memory of the threads (Native Memory Tracking, jcmd)
#
# In place of a jar: `bare` is the bare JDK HttpServer of the benchmarks (BareServer, the workload's fixed body, the
# JDK's defaults), `bare-socket` the same handler on replay4j's own server loop, `bare-pooled` the JDK server with a
# thread pool: what the server alone costs, beside what serve costs. They run from BENCH_JAR (default
# replay4j-bench/target/benchmarks.jar, built when missing; another build's benchmarks.jar to compare two builds).
#
# Needs wrk and the workload (bench/workload.sh makes it when missing, from ../shared or REPLAY4J_SHARED).
set -euo pipefail

cd "$(dirname "$0")/.."
[ $# -ge 1 ] || { echo "usage: bash bench/serve-cost.sh JAR|bare|bare-socket|bare-pooled ..." >&2; exit 2; }
for arg in "$@"; do
  case "$arg" in bare|bare-socket|bare-pooled) ;; *) [ -f "$arg" ] || { echo "serve-cost.sh: no jar $arg" >&2; exit 1; } ;; esac
done
CONNECTIONS=${CONNECTIONS:-256}; WARM=${WARM:-40}; RUNS=${RUNS:-3}
. bench/workload.sh
command -v wrk > /dev/null || { echo "serve-cost.sh: wrk is missing (Debian: apt-get install wrk)" >&2; exit 1; }
ensure_workload
if [ -n "${BENCH_JAR:-}" ]; then
  [ -f "$BENCH_JAR" ] || { echo "serve-cost.sh: BENCH_JAR $BENCH_JAR is not a file" >&2; exit 1; }
else
  BENCH_JAR=replay4j-bench/target/benchmarks.jar
  case " $* " in *" bare"*) [ -f "$BENCH_JAR" ] || mvn -B -q -DskipTests -pl replay4j-bench -am package ;; esac
fi
[ -z "${NMT:-}" ] || command -v jcmd > /dev/null || { echo "serve-cost.sh: NMT=1 needs the JDK's jcmd on the PATH" >&2; exit 1; }
SERVER=
trap '[ -z "$SERVER" ] || kill "$SERVER" 2> /dev/null || true' EXIT
TICK=$(getconf CLK_TCK)
load() {
  wrk -t"$(( CONNECTIONS > 1 ? 2 : 1 ))" -c"$CONNECTIONS" -d"$2"s -s "$WORK/wrk/bodies.lua" "http://127.0.0.1:$1/v1/chat/completions" -- "$WORK/wrk/bodies-1000.txt" \
    | awk '/Requests\/sec/ {print $2}'
}
switches() { cat /proc/"$1"/task/*/status 2> /dev/null | awk '/^voluntary_ctxt/ {v += $2} END {print v}'; }
cpu() { awk '{print $14 + $15}' /proc/"$1"/stat; }
once() {
  local port pid rate s0 s1 c0 c1 threads
  port=$(free_port)
  local nmt=()
  [ -n "${NMT:-}" ] && nmt=(-XX:NativeMemoryTracking=summary)
  case "$1" in
    bare|bare-socket|bare-pooled)
      java "${nmt[@]}" -Dsun.net.httpserver.nodelay=true -cp "$BENCH_JAR" dev.replay4j.bench.replay.BareServer "$port" \
        "$WORK/short-fixed-body.json" "${1#bare-}" > /dev/null 2>&1 & ;;
    *)
      java "${nmt[@]}" -Dfile.encoding=UTF-8 -jar "$1" serve --dir "$WORK/short-recordings-1000" --port "$port" > /dev/null 2>&1 & ;;
  esac
  pid=$!
  SERVER=$pid
  await_server "$port" "$pid" "$1"
  load "$port" "$WARM" > /dev/null
  s0=$(switches "$pid"); c0=$(cpu "$pid")
  rate=$(load "$port" 5)
  s1=$(switches "$pid"); c1=$(cpu "$pid"); threads=$(ls /proc/"$pid"/task | wc -l)
  if [ -n "${NMT:-}" ]; then # under load again: the threads' stacks as they are while serving
    load "$port" 8 > /dev/null &
    local loading=$!
    sleep 4
    jcmd "$pid" VM.native_memory summary | awk '/- +Thread \(/ {sub(/.*committed=/, ""); sub(/KB.*/, ""); kib = $0}
      /\(thread #/ {gsub(/[^0-9]/, ""); printf "  Native Memory Tracking: %s threads, %s KiB committed, %.0f KiB a thread\n", $0, kib, kib / $0}'
    wait "$loading"
  fi
  kill "$pid"
  wait "$pid" 2> /dev/null || true
  SERVER=
  python3 -c "r = $rate * 5; print(f'$1: {$rate:,.0f} req/s, {($c1 - $c0) * 1e6 / $TICK / r:.1f} us of CPU a request, \
{($s1 - $s0) / r:.2f} context switches a request, $threads threads ($CONNECTIONS connections, after $WARM s)')"
}
for _ in $(seq "$RUNS"); do
  for jar in "$@"; do
    case "$jar" in
      bare|bare-socket|bare-pooled) once "$jar" ;;
      *) once "$(realpath "$jar")" ;;
    esac
  done
done
