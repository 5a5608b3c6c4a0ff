#!/usr/bin/env python3

# SPDX-License-Identifier: Apache-2.0

"""What the JIT compilers spent, by tier and by package, in JFR recordings made with bench/compilations.jfc.

usage: python3 bench/jit-compilations.py A.jfr [B.jfr]
With two recordings (the same run against two servers, say), the packages are listed by how much more C2 time B
spent on them than A. Then B's (or A's) longest C2 compilations of replay4j's and Jackson's methods.
Record with: java -XX:StartFlightRecording=settings=bench/compilations.jfc,filename=A.jfr ...
"""
import collections
import json
import subprocess
import sys


def compilations(path):
    out = subprocess.run(["jfr", "print", "--json", "--events", "jdk.Compilation", path],
                         check=True, capture_output=True, text=True).stdout
    events = []
    for e in json.loads(out)["recording"]["events"]:
        v = e["values"]
        duration = v["duration"]  # ISO 8601, e.g. PT0.320827748S
        seconds = float(duration[2:-1]) if duration.startswith("PT") and duration.endswith("S") else 0.0
        events.append((v["method"]["type"]["name"], v["method"]["name"], v["compileLevel"], seconds))
    return events


def package(cls):
    parts = cls.split("/")
    return "/".join(parts[:4] if cls.startswith("dev/replay4j") else parts[:3])


def c2_by_package(events):
    totals = collections.Counter()
    for cls, _, level, seconds in events:
        if level == 4:
            totals[package(cls)] += seconds
    return totals


def main(argv):
    if len(argv) not in (2, 3):
        print(__doc__, file=sys.stderr)
        return 2
    runs = [compilations(p) for p in argv[1:]]
    for path, events in zip(argv[1:], runs):
        tiers = collections.Counter()
        for _, _, level, seconds in events:
            tiers[level] += seconds
        print(f"{path}: {len(events)} compilations; seconds by tier: "
              + ", ".join(f"{level}: {tiers[level]:.2f}" for level in sorted(tiers)))
    a = c2_by_package(runs[0])
    b = c2_by_package(runs[-1])
    if len(runs) == 2:
        print("C2 seconds by package, B minus A (A, B):")
        for name in sorted(set(a) | set(b), key=lambda n: a[n] - b[n])[:15]:
            print(f"  {b[name] - a[name]:+7.3f}  ({a[name]:.3f}, {b[name]:.3f})  {name}")
    else:
        print("C2 seconds by package:")
        for name, seconds in b.most_common(15):
            print(f"  {seconds:7.3f}  {name}")
    ours = [e for e in runs[-1] if e[2] == 4 and e[0].startswith(("dev/replay4j", "com/fasterxml/jackson"))]
    print("longest C2 compilations of replay4j's and Jackson's methods:")
    for cls, method, _, seconds in sorted(ours, key=lambda e: -e[3])[:10]:
        print(f"  {seconds * 1000:7.1f} ms  {cls.replace('/', '.')}.{method}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
