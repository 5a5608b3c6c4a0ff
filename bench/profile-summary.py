#!/usr/bin/env python3

# SPDX-License-Identifier: Apache-2.0

"""Sums async-profiler's collapsed stacks of `replay4j serve` by what runs them.

usage: python3 bench/profile-summary.py PROFILE.collapsed
Each stack goes to one group, the first that matches: the JIT compilers, the garbage collector, the HTTP server's
work that replay4j's pipeline calls (writing the answer, reading the body), replay4j's own pipeline (by its step:
the frame below RequestPipeline.serveOrFind or Replayer.replay), the threads' hand-off, the HTTP server's own
reading of requests, its acceptor and idle connections, the rest. The HTTP server is replay4j's own
(dev/replay4j/internal/http) since 2026-12-01; the JDK server's groups stay, for profiles of older builds.
"""
import collections
import sys


def group(frames):
    stack = ";".join(frames)
    if "CompileBroker" in stack:
        return "JIT compilers (C2)" if "C2Compiler" in stack else "JIT compilers (C1)"
    if any(f.startswith(("G1", "GC_", "[GC")) or "GCTask" in f or "G1ParScan" in f for f in frames):
        return "garbage collector"
    for i, f in enumerate(frames):
        if f.endswith("RequestPipeline.serveOrFind") or f.endswith("Replayer.replay"):
            if any(g.startswith(("sun/net/httpserver/", "com/sun/net/httpserver/")) for g in frames[i + 1:]):
                return "JDK server: called by replay4j (headers, answer written, request body read)"
            if any(g.startswith("dev/replay4j/internal/http/") for g in frames[i + 1:]):
                return "HTTP server: called by replay4j (headers, answer written, request body read)"
            step = frames[i + 1] if i + 1 < len(frames) else f
            return "replay4j: " + short(f) + " > " + short(step)
    if "RequestPipeline.serve" in stack:
        return "replay4j: RequestPipeline.serve (own)"
    if "ThreadPoolExecutor.getTask" in stack or "HandlerPool$Queue.offer" in stack or "ServerThreads$Queue.offer" in stack:
        return "hand-off between threads (pool queue)"
    if "internal/http/IdleConnections" in stack or "SocketHttpServer.accept" in stack:
        return "HTTP server: acceptor and idle connections"
    if "internal/http/" in stack:
        return "HTTP server: request line, headers, end of exchange, socket reads"
    if "ServerImpl$Dispatcher" in stack:
        return "JDK server: dispatcher thread"
    if "ServerImpl$Exchange.run" in stack:
        return "JDK server: request line, headers, end of exchange"
    return "other"


def short(frame):
    return frame.rsplit("/", 1)[-1]


def main(argv):
    if len(argv) < 2:
        sys.exit(__doc__)
    counts = collections.Counter()
    total = 0
    for line in open(argv[1], encoding="utf-8"):
        stack, _, n = line.rstrip("\n").rpartition(" ")
        if not stack:
            continue
        total += int(n)
        counts[group(stack.split(";"))] += int(n)
    print("%d samples (%s)" % (total, argv[1]))
    for name, n in counts.most_common(25):
        print("%6.1f%%  %s" % (100.0 * n / total, name))


if __name__ == "__main__":
    main(sys.argv)
