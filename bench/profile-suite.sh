#!/usr/bin/env bash

# SPDX-License-Identifier: Apache-2.0

# SPDX-License-Identifier: Apache-2.0
# Where a JUnit suite's CPU goes per test, after its first test: RUNS fresh JVMs each running ReplaySuite
# (openai-java, @Replay4jTest in replay, 400 tests), async-profiler attached 4 s in (well after the first test, which
# pays the client's class loading, and well before the last) for 1 s; the samples summed per test by thread (the test's thread, the proxy's,
# the JIT's) and, on the proxy's threads, by step of replay4j's pipeline.
#
#   bash bench/profile-suite.sh [runs, default 4]
#   SUITE=BareSuite bash bench/profile-suite.sh     the same tests against another server (BareSuite,
#                                                   MockWebServerSuite, WireMockSuite), for comparison
#   TESTS=2000 AT=7 bash bench/profile-suite.sh     a longer suite, attached later (about tests 1,000 to 1,200)
#   CLIENT=socket bash bench/profile-suite.sh       another of SuiteBench's clients (langchain4j; socket, the client
#                                                   that costs nothing: the servers' own work stands out)
#
# Needs the suite's recordings, made by SuiteBench (bash bench/suite-ab.sh COMMIT or bash bench/run.sh), and
# async-profiler (bash bench/profile.sh unpacks it). Writes target/profile/suite-late-<n>.collapsed.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-4}
SUITE=${SUITE:-ReplaySuite}
TESTS=${TESTS:-400}
CLIENT=${CLIENT:-openai-java}
AT=${AT:-4}
AP=target/tools/async-profiler
WORK=${SUITE_WORK:-target/suite-ab/work}
[ -x "$AP/bin/asprof" ] || { echo "profile-suite.sh: no async-profiler: run bash bench/profile.sh once first" >&2; exit 1; }
[ -d "$WORK/recordings" ] && [ -f "$WORK/answer.json" ] \
  || { echo "profile-suite.sh: no suite recordings in $WORK: run bash bench/suite-ab.sh COMMIT $CLIENT 400 1 first" >&2; exit 1; }
mvn -B -q -DskipTests -pl replay4j-suite-bench -am package \
  org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath -Dmdep.outputFile=target/bench.cp
CP=replay4j-suite-bench/target/classes:$(cat replay4j-suite-bench/target/bench.cp)
mkdir -p target/profile
for i in $(seq "$RUNS"); do
  java -Dsuite.n="$TESTS" -Dsuite.client="$CLIENT" -Dsuite.answer="$WORK/answer.json" -Dreplay4j.dir="$WORK/recordings" \
    -Dreplay4j.usage=target/profile/suite-usage.json -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
    -cp "$CP" dev.replay4j.suitebench.SuiteRunner "dev.replay4j.suitebench.$SUITE" > "target/profile/suite-late-$i.log" 2>&1 &
  PID=$!
  sleep "$AT"
  "$AP/bin/asprof" collect -d 1 -e cpu -i 200us -o collapsed --threads -f "$PWD/target/profile/suite-late-$i.collapsed" "$PID" > /dev/null
  wait "$PID"
  grep -o 'RESULT.*medianMs=[0-9.]*' "target/profile/suite-late-$i.log"
done
python3 - "$RUNS" <<'PY'
import collections, re, sys
runs = int(sys.argv[1])
threads, steps = collections.Counter(), collections.Counter()
for i in range(1, runs + 1):
    for line in open(f"target/profile/suite-late-{i}.collapsed", encoding="utf-8"):
        stack, n = line.rsplit(" ", 1)
        frames = stack.split(";")
        thread = re.sub(r"[-\d ]*tid=.*", "", frames[0]).lstrip("[")
        threads[thread] += int(n)
        if thread.startswith("replay4j-proxy"):
            step = "HTTP server and the rest"
            for j, f in enumerate(frames):
                if f.endswith(("RequestPipeline.serveOrFind", "Replayer.replay")) and j + 1 < len(frames):
                    step = f.rsplit("/", 1)[-1] + " > " + frames[j + 1].rsplit("/", 1)[-1]
                    break
            steps[step] += int(n)
        elif thread.startswith("main") and any("replay4j/junit5" in f for f in frames):
            steps["the extension, on the test's thread"] += int(n)
# Samples every 200 us; each window is 1 s of tests, as many as 1 s over the run's mean test.
means = [float(re.search(r"meanMs=([0-9.]+)", open(f"target/profile/suite-late-{i}.log").read()).group(1))
         for i in range(1, runs + 1)]
tests = sum(1000 / m for m in means)
print(f"CPU per test, ms (about {tests:.0f} tests profiled):")
for name, n in threads.most_common(8):
    print(f"  {n * 0.2 / tests:7.3f}  thread {name}")
for name, n in steps.most_common(10):
    print(f"  {n * 0.2 / tests:7.3f}  {name}")
PY
