#!/usr/bin/env bash

# SPDX-License-Identifier: Apache-2.0

# Peak memory of `replay4j serve` for large bodies: N concurrent requests of M MB each (a vision request, a base64
# image in a data URL) recorded, replayed and missed, and one upstream answer of A MB recorded, each scenario in a
# fresh `serve` process, for each heap size given; peak RSS is VmHWM of /proc/<pid>/status. Loopback only.
#
#   bash bench/memory.sh [n=4] [mb=30] [answerMb=50] [heaps=default,1g,512m,256m] [cliJar=path/to/replay4j.jar]
#
# cliJar= measures another build (say, the jar of an earlier commit) with the same harness. Writes
# bench/results/memory-bench.md. About 3 minutes on 2 cores with the defaults; needs Maven for the build.
set -euo pipefail

cd "$(dirname "$0")/.."
N=4 MB=30 ANSWER=50 HEAPS=default,1g,512m,256m CLI_JAR=
for arg in "$@"; do
  case "$arg" in
    n=*) N=${arg#n=} ;;
    mb=*) MB=${arg#mb=} ;;
    answerMb=*) ANSWER=${arg#answerMb=} ;;
    heaps=*) HEAPS=${arg#heaps=} ;;
    cliJar=*) CLI_JAR=${arg#cliJar=} ;;
    *) echo "memory.sh: unknown argument $arg" >&2; exit 2 ;;
  esac
done
MVN_REPO=${MAVEN_REPO_LOCAL:+-Dmaven.repo.local=$MAVEN_REPO_LOCAL}
OUT=bench/results/memory-bench.md
mkdir -p bench/results target

echo "== build: mvn -B -q -DskipTests -pl replay4j-cli,replay4j-bench -am package"
# shellcheck disable=SC2086
mvn -B -q $MVN_REPO -DskipTests -pl replay4j-cli,replay4j-bench -am package
CLI_JAR=${CLI_JAR:-replay4j-cli/target/replay4j.jar}

{
  echo "# replay4j serve: peak memory for large bodies"
  echo
  echo "\`bash bench/memory.sh $*\`, $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) CPUs, $(free -m | awk '/Mem:/ {print $2}') MiB RAM,"
  echo "$(java -version 2>&1 | head -1), load average $(cut -d' ' -f1-3 /proc/loadavg), serve jar $CLI_JAR"
  echo
} > "$OUT"
IFS=',' read -ra heaps <<< "$HEAPS"
for heap in "${heaps[@]}"; do
  xmx=$heap
  [ "$heap" = default ] && xmx=
  echo "== -Xmx ${heap}"
  java -Xmx3g -cp replay4j-bench/target/benchmarks.jar dev.replay4j.bench.memory.BodyMemoryBench \
    cliJar="$CLI_JAR" work=target/memory-bench n="$N" mb="$MB" answerMb="$ANSWER" xmx="$xmx" | tee -a "$OUT"
  echo >> "$OUT"
done
echo "== written: $OUT"
