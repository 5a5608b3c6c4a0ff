#!/usr/bin/env bash

# SPDX-License-Identifier: Apache-2.0

# The request-key benchmark: Java (JMH, one thread) against the Python reference, in one run.
#
#   bash bench/key-bench.sh [extra JMH options, e.g. -prof gc]
#
# Builds replay4j-bench, runs `reckey.py bench` on the conformance sample, runs KeyBenchmark
# (parse + v2 key, key only, parse only) on the same bodies, and writes bench/results/key-bench.md.
# MB/s = bytes / seconds / 1e6, with the byte count of Python's json.dumps(body) on both sides
# (checked equal). Needs ../shared beside the project root (or REPLAY4J_SHARED=/path/to/shared).
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$(pwd)
SHARED=${REPLAY4J_SHARED:-../shared}
SAMPLE="$SHARED/conformance/llama-stack"
REFERENCE="$SHARED/reference/reckey.py"
OUT_DIR=target/key-bench
RESULT_MD=bench/results/key-bench.md
JAR=replay4j-bench/target/benchmarks.jar
JMH_OPTS=(-f 1 -wi 3 -w 2s -i 5 -r 2s)

for need in "$SAMPLE" "$REFERENCE"; do
  if [ ! -e "$need" ]; then
    echo "key-bench: $need is missing: the shared folder (conformance sample and Python reference) must be" \
         "at ../shared beside the project root, or named by REPLAY4J_SHARED" >&2
    exit 1
  fi
done
mkdir -p "$OUT_DIR" bench/results
# One benchmark thread on a small machine: anything else running skews the Java figures most (JMH runs
# for a minute, the Python loop for half a second). The load is recorded in the table.
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)

echo "== build: mvn -B -q -DskipTests -pl replay4j-bench -am package"
mvn -B -q -DskipTests -pl replay4j-bench -am package

echo "== Python reference: python3 $REFERENCE bench $SAMPLE"
python3 "$REFERENCE" bench "$SAMPLE" | tee "$OUT_DIR/python.json"

echo "== Java input: the same bodies as json.dumps prints them"
java -cp "$JAR" dev.replay4j.bench.SampleInfo "$SAMPLE" | tee "$OUT_DIR/java-sample.json"

read -r PY_REQUESTS PY_BYTES < <(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d["requests"], d["bytes"])' "$OUT_DIR/python.json")
read -r J_REQUESTS J_BYTES < <(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d["requests"], d["bytes"])' "$OUT_DIR/java-sample.json")
echo "requests: python $PY_REQUESTS, java $J_REQUESTS; bytes: python $PY_BYTES, java $J_BYTES"
if [ "$PY_BYTES" != "$J_BYTES" ] || [ "$PY_REQUESTS" != "$J_REQUESTS" ]; then
  echo "key-bench: the Java benchmark would not read the same input as the Python reference" \
       "(requests $J_REQUESTS vs $PY_REQUESTS, bytes $J_BYTES vs $PY_BYTES); no figures written" >&2
  exit 1
fi

JMH_CMD=(java -jar "$JAR" 'dev.replay4j.bench.KeyBenchmark' "${JMH_OPTS[@]}" "$@"
         -rf json -rff "$OUT_DIR/jmh-result.json"
         -jvmArgsAppend "-Dreplay4j.shared=$SHARED -Dreplay4j.bench.expectedBytes=$PY_BYTES")
echo "== JMH: ${JMH_CMD[*]}"
"${JMH_CMD[@]}" | tee "$OUT_DIR/jmh.log"

LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)
JAVA_VERSION=$(java -version 2>&1 | head -n 1)
CPU=$(grep -m 1 'model name' /proc/cpuinfo | sed 's/^[^:]*: *//' || true)
python3 - "$OUT_DIR/python.json" "$OUT_DIR/jmh-result.json" "$RESULT_MD" "$(date -u '+%Y-%m-%d %H:%M UTC')" \
    "$(nproc)" "$JAVA_VERSION" "${CPU:-unknown}" "$(python3 --version 2>&1)" "bash bench/key-bench.sh${*:+ $*}" \
    "$(printf '%q ' "${JMH_CMD[@]}")" "$LOAD_BEFORE" "$LOAD_AFTER" <<'PY'
import json, sys
py_file, jmh_file, md_file, date, nproc, java, cpu, python, command, jmh_command, load_before, load_after = sys.argv[1:]
py = json.load(open(py_file))
size = py["bytes"]
runs = {r["benchmark"].rsplit(".", 1)[1]: r for r in json.load(open(jmh_file))}

def ms(name):
    m = runs[name]["primaryMetric"]
    assert m["scoreUnit"] == "ms/op", m["scoreUnit"]
    return m["score"], m["scoreError"]

py_exact = size / py["best_seconds"] / 1e6
rows = []
lines = [
    "# Request key benchmark (v2 keys of the conformance sample, one thread)",
    "",
    f"- command: `{command}` (JMH: `{jmh_command.strip()}`)",
    f"- date: {date}",
    f"- machine: {nproc} CPUs (nproc), {cpu}; {java}; {python}",
    f"- load average (1, 5, 15 min) before the run: {load_before}; after: {load_after} (the run itself adds about 1)"
    + (" — **other work was running before the run: treat the Java figures as pessimistic**"
       if float(load_before.split()[0]) > 1.0 else ""),
    f"- input: {py['requests']} recorded requests, {size} bytes of bodies as `json.dumps(body)` prints them"
    " (the same count on both sides, checked)",
    "",
    "| what | time per pass over the sample | MB/s | vs Python |",
    "|---|---:|---:|---:|",
    f"| Python reference (`reckey.py bench`: `json.loads` + `inference_key`, best of 5) | {py['best_seconds'] * 1e3:.1f} ms | {py_exact:.2f} | 1.00x |",
]
labels = {
    "parseAndKey": "Java: parse + v2 key (`Json.parse` + `RequestKey.compute`)",
    "keyOnly": "Java: v2 key only (bodies parsed beforehand)",
    "parseOnly": "Java: parse only (`Json.parse`)",
}
ratios = {}
for name in ("parseAndKey", "keyOnly", "parseOnly"):
    if name not in runs:
        continue
    score, err = ms(name)
    rate = size / (score / 1e3) / 1e6
    ratios[name] = rate / py_exact
    lines.append(f"| {labels[name]} | {score:.2f} ± {err:.2f} ms | {rate:.1f} | {ratios[name]:.2f}x |")
target = 5.0
ratio = ratios.get("parseAndKey")
lines += ["",
          f"Java/Python (parse + key, the like-for-like figure): **{ratio:.2f}x**; target: at least {target:.0f}x — "
          + ("met." if ratio >= target else "**not met**."),
          "",
          "Java times are JMH averages (± the 99.9% interval) of one pass over every request; MB/s = bytes / seconds / 1e6.",
          ""]
text = "\n".join(lines)
open(md_file, "w").write(text)
print(text)
PY
echo "== written: $RESULT_MD"
