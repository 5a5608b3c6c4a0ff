// SPDX-License-Identifier: Apache-2.0
// The page of replay4j ui and of serve's live view. Everything a recording holds is set as text (textContent,
// attribute values), never as markup: no script from a recording can run here, and the Content-Security-Policy
// refuses inline and remote scripts anyway. The page's state is its address: /?q=..., /r/<path>, /diff?a=&b=.
'use strict';

const API = '/_replay4j/ui/api/';
const main = document.getElementById('main');

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'class') e.className = v; else if (k === 'text') e.textContent = v; else e.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    e.appendChild(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
  }
  return e;
}

function show(...nodes) {
  main.replaceChildren(...nodes);
}

function recordingHref(path) {
  return '/r/' + path.split('/').map(encodeURIComponent).join('/');
}

async function getJson(url) {
  const res = await fetch(url, { headers: { Accept: 'application/json' } });
  const body = await res.json().catch(() => ({ error: 'HTTP ' + res.status }));
  if (!res.ok) throw new Error(body.error || ('HTTP ' + res.status));
  return body;
}

function badge(text, kind) {
  return el('span', { class: 'badge ' + (kind || text) }, text);
}

function failed(e) {
  show(el('p', { class: 'error-box', id: 'error' }, String(e.message || e)));
}

// ---- the list of recordings -------------------------------------------------------------------------------
const FILTERS = [
  ['endpoint', 'Endpoint'], ['model', 'Model'], ['verdict', 'Verdict'], ['streamed', 'Streamed'], ['error', 'Error'], ['use', 'Last run'],
];

async function listView() {
  const params = new URLSearchParams(location.search);
  document.getElementById('q').value = params.get('q') || '';
  const data = await getJson(API + 'list' + location.search);
  document.getElementById('where').textContent = data.root;
  const filters = el('form', { class: 'filters', id: 'filters', action: '/', method: 'get' });
  if (params.get('q')) filters.appendChild(el('input', { type: 'hidden', name: 'q', value: params.get('q') }));
  for (const [name, label] of FILTERS) {
    const values = data.facets[name] || [];
    if (name === 'use' && !data.run) continue;
    const select = el('select', { name, id: 'filter-' + name }, el('option', { value: '' }, 'any'),
      values.map(v => el('option', { value: v, selected: params.get(name) === v }, v)));
    select.addEventListener('change', () => filters.requestSubmit());
    filters.appendChild(el('label', {}, label, select));
  }
  const test = el('input', { name: 'test', id: 'filter-test', value: params.get('test') || '', placeholder: 'part of a test id' });
  filters.appendChild(el('label', {}, 'Test id', test));
  filters.addEventListener('submit', () => {
    for (const input of filters.querySelectorAll('select, input')) if (!input.value) input.disabled = true;
  });
  const compare = el('a', { class: 'button', id: 'compare', hidden: true }, 'Diff the two checked');
  filters.appendChild(compare);
  const checked = [];
  const onCheck = (box, path) => {
    const i = checked.indexOf(path);
    if (box.checked && i < 0) checked.push(path); else if (!box.checked && i >= 0) checked.splice(i, 1);
    while (checked.length > 2) checked.shift();
    compare.hidden = checked.length !== 2;
    if (checked.length === 2) compare.href = '/diff?a=' + encodeURIComponent(checked[0]) + '&b=' + encodeURIComponent(checked[1]);
  };

  const nodes = [filters];
  if (data.run) nodes.push(runCard(data.run));
  nodes.push(el('p', { class: 'counts', id: 'counts' },
    `${data.matched} of ${data.total} recordings` + (data.matched > data.shown ? ` (the first ${data.shown} shown)` : '')
      + ` in ${data.ms} ms`));
  let folder = null;
  for (const t of data.tests) {
    if (t.folder !== folder) {
      folder = t.folder;
      nodes.push(el('div', { class: 'folder' }, folder || '(top folder)'));
    }
    const d = el('details', { class: 'test', open: data.tests.length <= 30 },
      el('summary', {}, (t.test_id || '(no test id)') + '  ', el('span', { class: 'muted' }, `${t.count} recording${t.count === 1 ? '' : 's'}`)));
    for (const r of t.recordings) {
      const box = el('input', { type: 'checkbox', title: 'compare' });
      box.addEventListener('change', () => onCheck(box, r.path));
      d.appendChild(el('div', { class: 'row recording-row' }, box,
        el('a', { class: 'title', href: recordingHref(r.path), title: r.path }, r.title || r.path),
        el('span', { class: 'meta' }, r.endpoint), el('span', { class: 'meta' }, r.model),
        el('span', {}, r.streamed ? badge('stream', 'stream') : null, r.error ? badge('error ' + r.status, 'error') : null,
          r.verdict ? badge(r.verdict) : null, r.use ? badge(r.use) : null)));
    }
    nodes.push(d);
  }
  if (data.tests.length === 0) nodes.push(el('p', { class: 'muted', id: 'nothing' }, 'No recording matches.'));
  show(...nodes);
}

function runCard(run) {
  const card = el('div', { class: 'card', id: 'run' }, el('h2', {}, 'Last run'),
    el('p', {}, `served ${run.served}, recorded ${run.recorded}, missed ${run.missed.length}, unused ${run.unused} `,
      el('a', { href: '/?use=unused' }, '(what prune would remove)')));
  for (const m of run.missed) {
    card.appendChild(el('div', { class: 'turn miss' },
      el('div', { class: 'role' }, `missed: ${m.method} ${m.path}  (test id ${m.test_id || 'none'})`),
      el('pre', {}, m.explanation),
      m.nearest ? el('a', { href: recordingHref(m.nearest) }, 'nearest recording: ' + m.nearest) : null));
  }
  return card;
}

// ---- one recording ----------------------------------------------------------------------------------------
function toolCalls(calls) {
  return calls.map(c => el('div', { class: 'tool' }, 'tool call ' + c.name + ' ' + c.arguments));
}

async function recordingView(path) {
  const data = await getJson(API + 'recording?path=' + encodeURIComponent(path));
  const v = data.view;
  document.title = 'replay4j: ' + path;
  document.getElementById('where').textContent = path;
  const head = el('div', { class: 'card', id: 'head' },
    el('h2', {}, 'Recording'),
    el('div', { class: 'text', id: 'path' }, path),
    el('div', { class: 'meta' }, `test id ${v.test_id || '(none)'} · ${v.method} ${v.endpoint}` + (v.model ? ` · model ${v.model}` : '')
      + (v.sequence > 1 ? ` · answer ${v.sequence} of its sequence` : '')),
    el('div', {}, data.verdict ? badge(data.verdict) : null, data.use ? badge(data.use) : null, data.message ? el('span', { class: 'meta' }, data.message) : null));
  const request = el('div', { class: 'card', id: 'request' }, el('h2', {}, 'Request'));
  for (const t of v.request) {
    request.appendChild(el('div', { class: 'turn' }, el('div', { class: 'role ' + t.role }, t.role), el('div', { class: 'text' }, t.text), toolCalls(t.tool_calls)));
  }
  if (v.other) request.appendChild(el('div', { class: 'meta' }, 'other: ' + v.other));
  show(head, request, answerCard(v.answer), rawCard(path), diffForm(path));
}

function answerCard(a) {
  const card = el('div', { class: 'card', id: 'answer-card' }, el('h2', {}, a.kind === 'error' ? 'Error' : 'Answer'));
  const meta = [];
  if (a.streamed) meta.push(`streamed, ${a.chunks} chunks`);
  if (a.pace) meta.push(a.pace);
  if (a.finish) meta.push('finish ' + a.finish);
  if (a.usage) meta.push('usage ' + a.usage);
  if (a.kind !== 'error' && a.status !== 200) meta.push('status ' + a.status);
  const headers = Object.entries(a.headers || {}).map(([name, value]) => name + ': ' + value).join(', ');
  if (headers) meta.push('headers ' + headers);
  if (meta.length) card.appendChild(el('div', { class: 'meta', id: 'answer-meta' }, meta.join(' · ')));
  if (a.kind === 'error') {
    card.appendChild(el('div', { class: 'role' }, 'status ' + a.status));
    card.appendChild(el('div', { class: 'text error-box', id: 'answer' }, a.text));
  } else if (a.kind === 'embeddings' || a.kind === 'models') {
    card.appendChild(el('div', { class: 'text', id: 'answer' }, a.summary));
    if (a.items.length) card.appendChild(el('ul', {}, a.items.map(i => el('li', {}, i))));
  } else {
    if (a.media) {
      card.appendChild(el('div', { class: 'meta', id: 'media' }, a.media.description));
      if (a.media.base64) {
        const src = 'data:' + a.media.content_type + ';base64,' + a.media.base64;
        if (a.media.content_type.startsWith('audio/')) card.appendChild(el('audio', { controls: true, src }));
        else if (a.media.content_type.startsWith('image/')) card.appendChild(el('img', { src, alt: 'the answer', style: null }));
      }
    }
    card.appendChild(el('div', { class: 'text', id: 'answer' }, a.text));
  }
  card.appendChild(el('div', {}, toolCalls(a.tool_calls)));
  return card;
}

function rawCard(path) {
  const pre = el('pre', { id: 'raw' });
  const d = el('details', { class: 'card', id: 'raw-card' }, el('summary', {}, 'Raw JSON'), pre);
  d.addEventListener('toggle', async () => {
    if (d.open && !pre.textContent) {
      const res = await fetch(API + 'raw?path=' + encodeURIComponent(path));
      pre.textContent = await res.text();
    }
  });
  return d;
}

function diffForm(path) {
  const input = el('input', { name: 'b', placeholder: 'path of another recording', size: 60 });
  return el('form', { class: 'card', action: '/diff', method: 'get' }, el('h2', {}, 'Compare'),
    el('input', { type: 'hidden', name: 'a', value: path }), input, ' ', el('button', { type: 'submit' }, 'Diff'));
}

// ---- a diff of two recordings -----------------------------------------------------------------------------
async function diffView() {
  const params = new URLSearchParams(location.search);
  const a = params.get('a') || '';
  const b = params.get('b') || '';
  const data = await getJson(API + 'diff?a=' + encodeURIComponent(a) + '&b=' + encodeURIComponent(b));
  const section = (title, lines, id) => el('div', { class: 'card diff', id },
    el('h2', {}, title), lines.length ? lines.map(l => el('div', { class: l.side === '-' ? 'del' : 'add' }, l.side + ' ' + l.text))
      : el('p', { class: 'muted' }, 'the same'));
  show(el('div', { class: 'card' }, el('h2', {}, 'Diff'),
    el('div', {}, '- ', el('a', { href: recordingHref(a) }, a)), el('div', {}, '+ ', el('a', { href: recordingHref(b) }, b))),
  section('Request', data.request, 'diff-request'), section('Answer', data.answer, 'diff-answer'));
}

// ---- serve's live view ------------------------------------------------------------------------------------
async function liveView() {
  document.getElementById('search').hidden = true;
  document.getElementById('home').setAttribute('href', '/_replay4j/');
  const rows = el('tbody', { id: 'live-rows' });
  const status = el('p', { class: 'counts', id: 'live-status' }, 'waiting for requests');
  show(status, el('table', {}, el('thead', {}, el('tr', {}, ['time', 'outcome', 'status', 'request', 'test id', 'key', 'ms', 'mode'].map(h => el('th', {}, h)))), rows));
  let after = 0;
  let count = 0;
  for (;;) {
    try {
      const data = await getJson(API + 'live?after=' + after);
      document.getElementById('where').textContent = 'live view · mode ' + data.mode;
      for (const r of data.requests) {
        after = Math.max(after, r.seq);
        count++;
        const outcome = el('td', {}, badge(r.outcome));
        if (r.explanation) outcome.appendChild(el('details', {}, el('summary', {}, 'why'), el('pre', {}, r.explanation)));
        rows.prepend(el('tr', { class: 'live-row ' + r.outcome }, el('td', { class: 'mono' }, r.time.substring(11, 23)),
          outcome, el('td', {}, String(r.status)), el('td', { class: 'mono' }, r.method + ' ' + r.path),
          el('td', { class: 'mono test-id' }, r.test_id || ''), el('td', { class: 'mono', title: r.file || '' }, r.key ? r.key.substring(0, 12) : ''),
          el('td', {}, String(r.ms)), el('td', {}, r.mode)));
      }
      status.textContent = `${count} request${count === 1 ? '' : 's'} seen`;
    } catch (e) {
      status.textContent = 'the proxy does not answer: ' + e.message;
    }
    await new Promise(resolve => setTimeout(resolve, 700));
  }
}

function route() {
  const path = location.pathname;
  if (path === '/_replay4j/') return liveView();
  if (path.startsWith('/r/')) return recordingView(path.substring(3).split('/').map(decodeURIComponent).join('/'));
  if (path === '/diff') return diffView();
  return listView();
}

route().catch(failed);
