-- SPDX-License-Identifier: Apache-2.0
-- wrk script: the demo's streamed chat completion (a recording of samples/llama-stack), sent again and again.
-- bin/replay4j serve --layout llama-stack --dir samples/llama-stack --port 18080 &
-- wrk -t2 -c16 -d5s -s bench/sample-chat.lua http://127.0.0.1:18080/v1/chat/completions
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"model": "llama3.2:3b-instruct-fp16", "messages": [{"role": "user", "content": "What\'s the name of the Sun in latin?"}], "stream": true}'
