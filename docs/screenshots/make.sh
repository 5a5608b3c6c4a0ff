#!/usr/bin/env bash

# SPDX-License-Identifier: Apache-2.0

# Makes the screenshots of the page that the README shows (docs/screenshots/*.png): replay4j ui over the
# conformance sample (../shared/conformance), at its main states, and serve's live view while requests flow.
# Needs headless Chromium (apt-get install chromium) and python3. Run from anywhere: bash docs/screenshots/make.sh
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
out="$root/docs/screenshots"
sample="$root/../shared/conformance/llama-stack"
chromium="${CHROMIUM:-/usr/bin/chromium}"
[ -d "$sample" ] || { echo "no conformance sample at $sample (../shared beside the project)" >&2; exit 1; }
[ -x "$chromium" ] || { echo "no $chromium: apt-get install chromium" >&2; exit 1; }

work="$(mktemp -d)"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

# Starts a replay4j command in the background; prints the URL of its first line.
start() {
  local log="$work/$1.log"
  shift
  "$root/bin/replay4j" "$@" >"$log" 2>&1 &
  pids+=("$!")
  for _ in $(seq 1 100); do
    if grep -qo 'http://[0-9.:]*' "$log" 2>/dev/null; then grep -o 'http://[0-9.:]*' "$log" | head -1; return; fi
    sleep 0.2
  done
  echo "replay4j $* did not start:" >&2; cat "$log" >&2; exit 1
}

shot() { # name url
  "$chromium" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
    --disable-component-update --disable-sync --hide-scrollbars --user-data-dir="$work/profile" --window-size=1280,860 \
    --virtual-time-budget=4000 --screenshot="$out/$1.png" "$2" >/dev/null 2>&1
  echo "docs/screenshots/$1.png  <- $2"
}

streamed="tests/integration/agents/recordings/00bf38cb0b6eef2963c49f52798781840456635d0510be615cda65f93cd1cdfb.json"
other="tests/integration/agents/recordings/43b0260adbbee6e8e5e174fecd285648392889662235b3c685bcc89f9602ee5b.json"
ui="$(start ui ui "$sample")"
curl -s -o /dev/null "$ui/_replay4j/ui/api/list" # the first list reads every file; the screenshots show the next
shot list "$ui/"
shot search "$ui/?q=capital+france"
shot recording "$ui/r/$streamed"
shot diff "$ui/diff?a=$streamed&b=$other"

# The live view: serve replays the sample while a few of its requests, and one that misses, arrive.
serve="$(start serve serve --layout llama-stack --dir "$sample")"
python3 - "$serve" "$sample" <<'PY'
import json, sys, urllib.request
url, sample = sys.argv[1], sys.argv[2]
lines = [json.loads(l) for l in open(sample + "/expected-replay.jsonl")][:6]
def send(path, body, test_id):
    req = urllib.request.Request(url + path, data=json.dumps(body).encode(), method="POST",
                                 headers={"Content-Type": "application/json", "X-Replay4j-Test-Id": test_id or ""})
    try:
        urllib.request.urlopen(req).read()
    except urllib.error.HTTPError as e:
        e.read()
for l in lines:
    body = json.load(open(sample + "/" + l["file"]))["request"]["body"]
    send(l["path"], body, l["test_id"])
body = json.load(open(sample + "/" + lines[0]["file"]))["request"]["body"]
body["messages"][0]["content"] = "What is the capital of Italy?"
send(lines[0]["path"], body, lines[0]["test_id"])
PY
shot live "$serve/_replay4j/"
