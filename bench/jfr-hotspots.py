#!/usr/bin/env python3

# SPDX-License-Identifier: Apache-2.0

"""Top methods of a JFR recording's execution samples, for the JMH benchmark thread only.

usage: python3 bench/jfr-hotspots.py PROFILE.jfr [N]
The threads counted are those whose name holds JFR_THREAD (environment; default jmh-worker), e.g.
JFR_THREAD=replay4j-proxy for the handler threads of `replay4j serve`.
Prints the share of samples per method, self (top frame) and inclusive (anywhere on the stack),
using `jfr print --json` from the JDK. Record with JMH's `-prof "jfr:configName=profile;stackDepth=4096"`.
"""
import collections
import json
import os
import subprocess
import sys


def main(argv):
    if len(argv) < 2:
        sys.exit(__doc__)
    limit = int(argv[2]) if len(argv) > 2 else 30
    out = subprocess.run(["jfr", "print", "--json", "--stack-depth", "4096", "--events", "jdk.ExecutionSample", argv[1]],
                         check=True, capture_output=True, text=True).stdout
    events = json.loads(out)["recording"]["events"]
    self_count, incl = collections.Counter(), collections.Counter()
    total = 0
    for e in events:
        thread = (e["values"].get("sampledThread") or {}).get("javaName") or ""
        if os.environ.get("JFR_THREAD", "jmh-worker") not in thread:
            continue
        frames = e["values"]["stackTrace"]["frames"]
        if not frames:
            continue
        total += 1

        def name(f):
            return f["method"]["type"]["name"].replace("/", ".") + "." + f["method"]["name"]

        self_count[name(frames[0])] += 1
        for k in {name(f) for f in frames}:
            incl[k] += 1
    print(f"{total} samples on the benchmark thread (threads named *{os.environ.get('JFR_THREAD', 'jmh-worker')}*)")
    print("--- self (top frame)")
    for k, v in self_count.most_common(limit):
        print(f"{100 * v / total:5.1f}%  {k}")
    print("--- inclusive")
    for k, v in incl.most_common(limit):
        print(f"{100 * v / total:5.1f}%  {k}")


if __name__ == "__main__":
    main(sys.argv)
