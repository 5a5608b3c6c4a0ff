// SPDX-License-Identifier: Apache-2.0
// The official OpenAI Node SDK through replay4j: node calls.mjs PROXY_URL BASE_URL
// Resets the proxy's count of identical requests first (as a suite run against a long-running serve would), then
// prints one JSON line of what the SDK handed back.
import { createHash } from 'node:crypto';
import OpenAI, { toFile } from 'openai';

const [proxy, baseURL] = process.argv.slice(2);
const reset = await fetch(proxy + '/_replay4j/reset', { method: 'POST' });
if (reset.status !== 200) {
  throw new Error('reset answered ' + reset.status);
}
const client = new OpenAI({ baseURL, apiKey: 'sk-replay4j-e2e-DUMMY-KEY-0123456789', maxRetries: 0 });
const ask = async () => (await client.chat.completions.create({
  model: 'gpt-test', messages: [{ role: 'user', content: 'node asks twice' }],
})).choices[0].message.content;
const first = await ask();
const second = await ask();
const file = await client.files.create({
  file: await toFile(Buffer.from('{"custom_id": "1"}\n'), 'input.jsonl'), purpose: 'batch',
});
const speech = await client.audio.speech.create({ model: 'tts-1', voice: 'alloy', input: 'node speaks' });
const bytes = Buffer.from(await speech.arrayBuffer());
console.log(JSON.stringify({
  first, second, file: file.id + ' ' + file.filename + ' ' + file.bytes,
  speech: speech.headers.get('content-type') + ' ' + bytes.length + ' ' + createHash('sha256').update(bytes).digest('hex'),
}));
