#!/usr/bin/env bash

# SPDX-License-Identifier: Apache-2.0

# Every benchmark in one run: replay throughput and latency (bare JDK server, replay4j serve at 100, 1,000 and
# 3,000 recordings, WireMock 3.13.1 standalone), startup to the first answer, memory with recordings never
# requested, record-mode time to first chunk, and the request-key JMH benchmark against the Python reference.
#
#   bash bench/run.sh [key=value ...]     e.g. measure=20 rounds=10 (passed to dev.replay4j.bench.replay.ReplayBench)
#
# Writes bench/results/replay-bench.md (command, machine, every figure, ratios to the bare server measured in
# the same run, pass/fail per target) and bench/results/key-bench.md. About 6 minutes on 2 cores.
# Needs ../shared beside the project root (or REPLAY4J_SHARED=/path/to/shared) and Maven (for the build and
# the WireMock jar from Maven Central).
set -euo pipefail

cd "$(dirname "$0")/.."
SHARED=${REPLAY4J_SHARED:-../shared}
WORK=target/replay-bench
RESULT_MD=bench/results/replay-bench.md
WIREMOCK_VERSION=3.13.1
START=$(date +%s)
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
DATE=$(date -u '+%Y-%m-%d %H:%M UTC')
COMMAND="bash bench/run.sh${*:+ $*}"

if [ ! -d "$SHARED/conformance/llama-stack" ]; then
  echo "run.sh: $SHARED/conformance/llama-stack is missing: the shared folder must be at ../shared beside the" \
       "project root, or named by REPLAY4J_SHARED" >&2
  exit 1
fi
mkdir -p target/tools bench/results

echo "== build: mvn -B -q -DskipTests -pl replay4j-cli,replay4j-bench -am package"
mvn -B -q -DskipTests -pl replay4j-cli,replay4j-bench -am package

WIREMOCK_JAR=target/tools/wiremock-standalone-$WIREMOCK_VERSION.jar
if [ ! -f "$WIREMOCK_JAR" ]; then
  echo "== WireMock $WIREMOCK_VERSION standalone from Maven Central (once)"
  mvn -B -q -N org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy \
    -Dartifact=org.wiremock:wiremock-standalone:$WIREMOCK_VERSION -DoutputDirectory=target/tools
fi

echo "== replay benchmark (about 4.5 minutes)"
java -cp replay4j-bench/target/benchmarks.jar dev.replay4j.bench.replay.ReplayBench \
  shared="$SHARED" work="$WORK" cliJar=replay4j-cli/target/replay4j.jar wiremockJar="$WIREMOCK_JAR" \
  selfJar=replay4j-bench/target/benchmarks.jar out="$WORK/replay.md" \
  warmup=15 measure=24 rounds=24 startups=5 ttfbRequests=100 ttfbWarmup=200,3000 "$@"

echo "== request-key benchmark: bash bench/key-bench.sh"
bash bench/key-bench.sh

LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)
ELAPSED=$(( $(date +%s) - START ))
CPU=$(grep -m 1 'model name' /proc/cpuinfo | sed 's/^[^:]*: *//' || true)
{
  echo "# replay4j benchmarks"
  echo
  echo "- command: \`$COMMAND\` (whole run: $((ELAPSED / 60)) min $((ELAPSED % 60)) s, build and JMH included)"
  echo "- date: $DATE"
  echo "- machine: $(nproc) CPUs (nproc), ${CPU:-unknown}, $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo) RAM; $(java -version 2>&1 | head -n 1)"
  echo "- load average (1, 5, 15 min) before: $LOAD_BEFORE; after: $LOAD_AFTER$(awk -v l="${LOAD_BEFORE%% *}" 'BEGIN { if (l > 1.0) print " — **other work was running: absolute figures are pessimistic; compare the ratios, measured in the same run**" }')"
  echo "- every server runs in its own JVM (\`java ... -jar\`, default options; the bare server with \`-Dsun.net.httpserver.nodelay=true\`), loopback only; the load generator is \`dev.replay4j.bench.replay.LoadGenerator\` (raw keep-alive sockets, the same for every server)"
  echo
  echo "## Replay"
  echo
  cat "$WORK/replay.md"
  echo
  echo "## Request keys (JMH, from bench/results/key-bench.md)"
  echo
  sed -e '1d' -e 's/^#/##/' bench/results/key-bench.md
} > "$RESULT_MD"
echo "== written: $RESULT_MD (${ELAPSED} s)"
cat "$RESULT_MD"
