#!/usr/bin/env bash

# SPDX-License-Identifier: Apache-2.0

# A change's worth to a JUnit suite: SuiteBench with this checkout's replay4j and another commit's side by side,
# in the same rotating rounds, on the same recordings (made first by this checkout in record mode), against
# MockWebServer, WireMock and the bare JDK server as always.
#
#   bash bench/suite-ab.sh COMMIT [client, default openai-java] [N, default 2000] [rounds, default 3]
#
# The other commit is built in a git worktree under target/suite-ab/. Writes target/suite-ab/suite.md.
set -euo pipefail

cd "$(dirname "$0")/.."
[ $# -ge 1 ] || { echo "usage: bash bench/suite-ab.sh COMMIT [client] [N] [rounds]" >&2; exit 2; }
COMMIT=$1; CLIENT=${2:-openai-java}; N=${3:-2000}; ROUNDS=${4:-3}
WORK=target/suite-ab
OTHER=$WORK/other
mkdir -p "$WORK"
echo "== this checkout: mvn -B -q -DskipTests -pl replay4j-suite-bench -am package (+ the suite's class path)"
mvn -B -q -DskipTests -pl replay4j-suite-bench -am package \
  org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath -Dmdep.outputFile=target/bench.cp
echo "== $COMMIT in $OTHER"
git worktree prune # a worktree left registered by an earlier run whose folder mvn clean deleted
if [ -d "$OTHER" ]; then
  git -C "$OTHER" checkout -q --detach "$COMMIT"
else
  git worktree add -q --detach "$OTHER" "$COMMIT"
fi
(cd "$OTHER" && mvn -B -q -DskipTests -Dreplay4j.header-check.skip=true -pl replay4j,replay4j-junit5 -am package)
CP=replay4j-suite-bench/target/classes:$(cat replay4j-suite-bench/target/bench.cp)
java -cp "$CP" dev.replay4j.suitebench.SuiteBench work="$WORK/work" out="$WORK/suite.md" ns="$N" rounds="$ROUNDS" \
  clients="$CLIENT" otherBuild="$OTHER"
