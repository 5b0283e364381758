/*
 * app.js -- the browser views of `hechos serve`: one page script, no framework, no
 * build step, no network beyond this server's /v1/ API.
 *
 * Invariants: text from the API is only ever put in the page with textContent or
 * attributes set through the DOM (never innerHTML), so an article holding "<script>"
 * stays text; control and bidirectional-override characters are shown as visible
 * marks ("⟨U+202E⟩") so they cannot reorder what the reader sees; offsets from the
 * API count code points, so the article is split into code points before slicing.
 */
'use strict';

(function () {
  const main = document.getElementById('main');

  /* ------------------------------------------------------------ DOM helpers */

  // Control (C0 but tab/newline, C1) and bidi control characters.
  const CTL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;
  const CTL_G = new RegExp(CTL.source, 'gu');

  function hex(c) {
    return 'U+' + c.codePointAt(0).toString(16).toUpperCase().padStart(4, '0');
  }

  // A string as shown to a person: control and bidi characters as visible marks.
  function vis(s) {
    if (s === null || s === undefined) return '';
    s = String(s);
    return CTL.test(s) ? s.replace(CTL_G, (c) => '⟨' + hex(c) + '⟩') : s;
  }

  // Text with control characters as highlighted marks (a fragment).
  function visNode(s) {
    const f = document.createDocumentFragment();
    let last = 0;
    s.replace(CTL_G, (c, at) => {
      if (at > last) f.appendChild(document.createTextNode(s.slice(last, at)));
      const m = el('abbr', { class: 'ctl', title: 'control character ' + hex(c) }, '⟨' + hex(c) + '⟩');
      f.appendChild(m);
      last = at + c.length;
      return c;
    });
    if (last < s.length) f.appendChild(document.createTextNode(s.slice(last)));
    return f;
  }

  function el(tag, attrs, ...kids) {
    const e = document.createElement(tag);
    for (const k in attrs || {}) {
      if (attrs[k] === null || attrs[k] === undefined || attrs[k] === false) continue;
      if (k.startsWith('on')) e.addEventListener(k.slice(2), attrs[k]);
      else e.setAttribute(k, attrs[k] === true ? '' : attrs[k]);
    }
    for (const k of kids) add(e, k);
    return e;
  }

  function add(parent, k) {
    if (k === null || k === undefined || k === false) return;
    if (Array.isArray(k)) k.forEach((x) => add(parent, x));
    else if (k instanceof Node) parent.appendChild(k);
    else parent.appendChild(document.createTextNode(vis(k)));
  }

  function page(title, ...kids) {
    document.title = vis(title) + ' — hechos';
    main.replaceChildren(el('h1', null, title));
    add(main, kids);
  }

  function entityLink(name) {
    return el('a', { href: '/entity/' + encodeURIComponent(name) }, name);
  }

  function docLink(id, title) {
    return el('a', { href: '/doc/' + encodeURIComponent(id) }, title || 'document ' + id);
  }

  function table(cols, rows) {
    if (!rows || rows.length === 0) return el('p', { class: 'muted' }, 'Nothing found.');
    return el('div', { class: 'scroll' },
      el('table', null,
        el('thead', null, el('tr', null, cols.map((c) => el('th', { scope: 'col' }, c[0])))),
        el('tbody', null, rows.map((r) => el('tr', null, cols.map((c) => el('td', null, c[1](r))))))));
  }

  function num(v) {
    return typeof v === 'number' ? v.toLocaleString('en-US', { maximumFractionDigits: 2 }) : vis(v);
  }

  /* ------------------------------------------------------------ API */

  class ApiError extends Error {
    constructor(status, msg) { super(msg); this.status = status; }
  }

  async function api(path, opts) {
    opts = Object.assign({ headers: {} }, opts || {});
    const tok = sessionStorage.getItem('hechos-token');
    if (tok) opts.headers.Authorization = 'Bearer ' + tok;
    const r = await fetch(path, opts);
    const ct = r.headers.get('Content-Type') || '';
    const body = ct.startsWith('application/json') ? await r.json() : await r.text();
    if (!r.ok) {
      const msg = body && body.error ? body.error.message : 'HTTP ' + r.status;
      throw new ApiError(r.status, msg);
    }
    return body;
  }

  function showError(e) {
    if (e.status === 401) return askToken();
    const p = el('p', { class: 'error', role: 'alert' }, e.status === 404 ? 'Not found: ' : 'Error: ', e.message);
    main.replaceChildren(el('h1', null, e.status === 404 ? 'Not found' : 'Something went wrong'), p);
    document.title = 'Error — hechos';
  }

  function askToken() {
    const input = el('input', { type: 'password', id: 'token', autocomplete: 'off' });
    page('Token required',
      el('p', null, 'This server asks for an access token.'),
      el('form', {
        onsubmit: (ev) => {
          ev.preventDefault();
          sessionStorage.setItem('hechos-token', input.value);
          route();
        },
      }, el('label', { for: 'token' }, 'Token '), input, ' ', el('button', { type: 'submit' }, 'Continue')));
  }

  /* ------------------------------------------------------------ article view */

  // The facts of an analysed document as spans: {start, end, cls, title, rows}.
  function facts(a) {
    const out = [];
    const ents = {};
    (a.entities || []).forEach((e) => { ents[e.id] = e; });
    const entName = (id) => (ents[id] ? ents[id].name : id);
    (a.entities || []).forEach((e) => (e.mentions || []).forEach((m) => out.push({
      start: m.start, end: m.end, cls: 'hx-ent', title: 'Entity: ' + e.name,
      rows: [['type', e.type], ['name', e.name], ['mention', m.kind], ['kind', e.kind], ['country', e.country],
        ['place', e.geo ? e.geo.lat + ', ' + e.geo.lon : null]],
      link: e.name,
    })));
    const covered = new Set(out.map((f) => f.start + ':' + f.end));
    (a.mentions || []).forEach((m) => {
      if (!covered.has(m.start + ':' + m.end)) {
        out.push({ start: m.start, end: m.end, cls: 'hx-ent', title: 'Name: ' + m.text, rows: [['type', m.type], ['text', m.text]] });
      }
    });
    (a.quantities || []).forEach((q) => out.push({
      start: q.start, end: q.end, cls: 'hx-qty', title: 'Quantity: ' + q.text,
      rows: [['kind', q.kind], ['value', num(q.value) + (q.bound === 'range' ? ' – ' + num(q.max) : '')], ['bound', q.bound],
        ['unit', q.unit], ['vague', q.vague ? 'yes' : null], ['counts', q.of ? q.of.text : null]],
    }));
    (a.times || []).forEach((t) => out.push({
      start: t.start, end: t.end, cls: 'hx-time', title: 'Time: ' + t.text,
      rows: [['type', t.type], ['value', t.value], ['modifier', t.mod], ['anchor', t.anchor]],
    }));
    (a.claims || []).forEach((c, i) => {
      const who = c.source ? entName(c.source) : c.source_text;
      const rows = [['source', who || (c.impersonal ? 'impersonal' : 'unknown')], ['as written', c.source_text],
        ['cue', c.cue ? c.cue.text + ' (' + c.cue.lemma + ')' : null], ['stance', c.cue ? c.cue.stance : null],
        ['quote', c.quote ? 'yes' : 'no'], ['hedged', c.hedged ? 'yes' : 'no'], ['negated', c.negated ? 'yes' : 'no']];
      if (c.content) out.push({ start: c.content.start, end: c.content.end, cls: 'hx-claim', title: 'Claim ' + (i + 1), rows });
      if (c.cue) out.push({ start: c.cue.start, end: c.cue.end, cls: 'hx-cue', title: 'Claim ' + (i + 1) + ': cue', rows });
      if (c.source_span) out.push({ start: c.source_span.start, end: c.source_span.end, cls: 'hx-src', title: 'Claim ' + (i + 1) + ': source', rows });
    });
    const arg = (x) => (x ? x.text + (x.code ? ' (' + x.code + ')' : '') : null);
    (a.events || []).forEach((ev) => {
      if (!ev.trigger) return;
      const cas = ev.casualties ? Object.keys(ev.casualties).map((k) => k + ' ' + num(ev.casualties[k])).join(', ') : '';
      out.push({
        start: ev.trigger.start, end: ev.trigger.end, cls: 'hx-event', title: 'Event: ' + ev.type,
        rows: [['event', ev.type], ['CAMEO', ev.cameo], ['actor', arg(ev.actor)], ['target', arg(ev.target)],
          ['place', ev.place ? ev.place.text : null], ['when', ev.time ? ev.time.value : null],
          ['how many', ev.quantity ? ev.quantity.text : null], ['casualties', cas || null],
          ['hedged', ev.hedged ? 'yes' : null], ['negated', ev.negated ? 'yes' : null]],
      });
    });
    return out.filter((f) => Number.isInteger(f.start) && Number.isInteger(f.end) && f.end > f.start);
  }

  function factBox(f) {
    const dl = el('dl');
    f.rows.forEach(([k, v]) => {
      if (v === null || v === undefined || v === '') return;
      dl.append(el('dt', null, k), el('dd', null, v));
    });
    return el('div', null, el('h3', null, f.title), dl, f.link ? el('p', null, entityLink(f.link)) : null);
  }

  // The article text with every fact highlighted; a panel shows the facts of the
  // piece of text hovered, focused or clicked.
  function articleView(text, a) {
    const cps = Array.from(text);
    const fs = facts(a);
    const cuts = new Set([0, cps.length]);
    fs.forEach((f) => { cuts.add(Math.min(f.start, cps.length)); cuts.add(Math.min(f.end, cps.length)); });
    const bounds = Array.from(cuts).sort((x, y) => x - y);
    const art = el('div', { class: 'article', lang: 'es' });
    const panel = el('aside', { class: 'fact-panel', 'aria-live': 'polite', 'aria-label': 'Facts' },
      el('p', { class: 'muted' }, 'Hover, tap or focus a highlighted passage to see its facts.'));
    let active = null;
    const show = (span, idx) => {
      if (active) active.classList.remove('active');
      active = span;
      span.classList.add('active');
      panel.replaceChildren(...idx.map((i) => factBox(fs[i])));
    };
    for (let b = 0; b + 1 < bounds.length; b++) {
      const s = bounds[b], e = bounds[b + 1];
      const piece = cps.slice(s, e).join('');
      const idx = [];
      fs.forEach((f, i) => { if (f.start <= s && f.end >= e) idx.push(i); });
      if (idx.length === 0) { art.appendChild(visNode(piece)); continue; }
      const cls = Array.from(new Set(idx.map((i) => fs[i].cls)));
      const span = el('span', {
        class: 'ann ' + cls.join(' '), tabindex: '0', role: 'button',
        'aria-label': vis(piece) + ': ' + idx.map((i) => vis(fs[i].title)).join('; '),
        'data-facts': idx.length,
      }, visNode(piece));
      span.addEventListener('mouseenter', () => show(span, idx));
      span.addEventListener('focus', () => show(span, idx));
      span.addEventListener('click', () => show(span, idx));
      art.appendChild(span);
    }
    const count = (cls) => fs.filter((f) => f.cls === cls).length;
    const legend = el('ul', { class: 'legend', 'aria-label': 'Legend' },
      [['hx-ent', 'entities'], ['hx-qty', 'quantities'], ['hx-time', 'times'], ['hx-claim', 'claims'], ['hx-event', 'events']]
        .map(([c, n]) => el('li', null, el('span', { class: c }, n), ' ' + count(c))));
    return [legend, el('div', { class: 'article-wrap' }, art, panel), claimsAndEvents(a)];
  }

  function claimsAndEvents(a) {
    const ents = {};
    (a.entities || []).forEach((e) => { ents[e.id] = e.name; });
    const claims = table([
      ['Source', (c) => (c.source && ents[c.source] ? entityLink(ents[c.source]) : c.source_text || '—')],
      ['Cue', (c) => (c.cue ? c.cue.text : '')],
      ['Says', (c) => (c.content ? c.content.text : '')],
      ['Hedged / negated', (c) => [c.hedged ? 'hedged ' : '', c.negated ? 'negated' : ''].join('')],
    ], a.claims);
    const events = table([
      ['CAMEO', (e) => e.cameo || '—'], ['Event', (e) => e.type], ['Trigger', (e) => (e.trigger ? e.trigger.text : '')],
      ['Actor', (e) => (e.actor ? e.actor.text : '—')], ['Target', (e) => (e.target ? e.target.text : '—')],
      ['When', (e) => (e.time ? e.time.value : '')],
    ], a.events);
    return el('section', null, el('h2', null, 'Who says what'), claims, el('h2', null, 'Events'), events);
  }

  /* ------------------------------------------------------------ pages */

  async function home() {
    const h = await api('/v1/health');
    if (!h.database) {
      page('hechos', el('p', null, 'No corpus database is loaded. ', el('a', { href: '/analyze' }, 'Analyse a text'), '.'));
      return;
    }
    const st = h.store;
    const kids = [el('p', null, num(st.documents) + ' articles, ' + num(st.entities) + ' entities, ' +
      num(st.claims) + ' claims, ' + num(st.quantities) + ' figures, ' + num(st.events) + ' events.')];
    const types = [['PER', 'People'], ['ORG', 'Organisations'], ['LOC', 'Places'], ['MISC', 'Other']];
    const lists = await Promise.all(types.map(([t]) => api('/v1/entities?type=' + t + '&top=12')));
    kids.push(el('div', { class: 'cards' }, types.map(([, label], i) => el('section', { class: 'card' },
      el('h2', null, label),
      el('ol', null, lists[i].entities.map((e) => el('li', null, entityLink(e.name), ' ',
        el('span', { class: 'muted' }, '(' + e.documents + ')'))))))));
    page('Corpus', ...kids);
  }

  async function search(q) {
    if (!q) { page('Search', el('p', null, 'Type words in the search box.')); return; }
    const r = await api('/v1/search?q=' + encodeURIComponent(q) + '&top=50');
    page('Search: ' + q, table([
      ['Article', (d) => docLink(d.doc, d.title || d.id)], ['Date', (d) => d.date], ['Outlet', (d) => d.source],
      ['Excerpt', (d) => d.snippet],
    ], r.documents));
  }

  async function documentPage(id) {
    const r = await api('/v1/documents/' + encodeURIComponent(id));
    const d = r.document;
    const meta = el('p', { class: 'muted' }, [d.date, d.source, d.ext_id].filter(Boolean).map(vis).join(' · '));
    if (d.url && /^https?:\/\//i.test(d.url)) meta.append(' · ', el('a', { href: d.url, rel: 'noopener noreferrer nofollow' }, 'original'));
    page(d.title || d.ext_id || 'Article ' + d.id, meta, articleView(d.text, r.analysis));
  }

  function analyzePage() {
    const ta = el('textarea', { id: 'text', name: 'text', 'aria-describedby': 'text-help', spellcheck: 'false' });
    const date = el('input', { type: 'date', id: 'date' });
    const file = el('input', { type: 'file', id: 'file', accept: '.txt,text/plain' });
    const out = el('div', { id: 'result', 'aria-live': 'polite' });
    const run = async (ev) => {
      ev.preventDefault();
      out.replaceChildren(el('p', { class: 'muted' }, 'Analysing…'));
      const q = date.value ? '?date=' + encodeURIComponent(date.value) : '';
      try {
        const a = await api('/v1/extract' + q, {
          method: 'POST', headers: { 'Content-Type': 'text/plain; charset=utf-8' }, body: ta.value,
        });
        out.replaceChildren(el('h2', null, 'Facts'), ...articleView(ta.value, a));
      } catch (e) {
        if (e.status === 401) return askToken();
        out.replaceChildren(el('p', { class: 'error', role: 'alert' }, e.message));
      }
    };
    file.addEventListener('change', async () => {
      if (file.files.length) ta.value = await file.files[0].text();
    });
    page('Analyse a text',
      el('form', { id: 'analyze', onsubmit: run },
        el('label', { for: 'text' }, 'Spanish news text'),
        el('p', { id: 'text-help', class: 'muted' }, 'Paste an article, or load a .txt file. Nothing leaves this server.'),
        ta,
        el('div', { class: 'row' },
          el('label', { for: 'date' }, 'Publication date'), date,
          el('label', { for: 'file' }, 'or a file'), file,
          el('button', { type: 'submit', id: 'run' }, 'Analyse'))),
      out);
  }

  async function entityPage(name) {
    const enc = encodeURIComponent(name);
    const [e, tl, about, by] = await Promise.all([
      api('/v1/entities/' + enc),
      api('/v1/timeline/' + enc + '?top=200').catch(() => ({ events: [] })),
      api('/v1/claims?about=' + enc + '&top=100'),
      api('/v1/claims?source=' + enc + '&top=100'),
    ]);
    const en = e.entity;
    const who = [en.type, en.country, en.kind].filter(Boolean).map(vis).join(' · ');
    const claimCols = [
      ['Date', (c) => c.date], ['Source', (c) => (c.source ? entityLink(c.source) : '—')], ['Says', (c) => c.content],
      ['Stance', (c) => [c.stance, c.hedged ? 'hedged' : '', c.negated ? 'negated' : ''].filter(Boolean).join(', ')],
      ['Article', (c) => docLink(c.doc, c.title)],
    ];
    page(en.name,
      el('p', { class: 'muted' }, who + ' — in ' + en.documents + ' articles, ' + en.mentions + ' mentions'),
      el('p', null, 'Also written as: ', e.aliases.map((a) => vis(a.alias)).join(', ')),
      el('h2', null, 'Timeline'),
      table([['Date', (x) => x.date], ['Event', (x) => x.type], ['Text', (x) => x.text],
        ['Actors', (x) => (x.actors || []).map((a) => vis(a.name) + (a.role ? ' (' + vis(a.role) + ')' : '')).join('; ')],
        ['Article', (x) => docLink(x.doc, x.title)]], tl.events),
      el('h2', null, 'Who says what about it'), table(claimCols, about.claims),
      el('h2', null, 'What it says'), table(claimCols, by.claims),
      el('h2', null, 'Co-occurring actors'),
      el('ul', { class: 'legend' }, e.cooccurring.map((c) => el('li', null, entityLink(c.name), ' ',
        el('span', { class: 'muted' }, '(' + c.documents + ')')))));
  }

  function figureCard(f) {
    const range = f.from === f.to ? f.from : f.from + ' – ' + f.to;
    return el('div', null,
      el('p', { class: 'big' }, f.text),
      el('p', null, 'value ', num(f.value), f.bound && f.bound !== 'exact' ? ' (' + vis(f.bound) + ')' : '', f.unit ? ' ' + vis(f.unit) : ''),
      el('p', null, el('strong', null, 'Source: '), f.source || '—'),
      el('p', { class: 'muted' }, range || ''),
      f.doc ? el('p', null, docLink(f.doc, f.title)) : null);
  }

  async function figuresPage() {
    const params = new URLSearchParams(location.search);
    const about = params.get('about') || '';
    const input = el('input', { type: 'text', id: 'about', name: 'about', value: about });
    const form = el('form', { method: 'get', action: '/figures', class: 'row' },
      el('label', { for: 'about' }, 'Figures about'), input, el('button', { type: 'submit' }, 'Show'));
    const c = await api('/v1/conflicts?top=50');
    const kids = [form];
    if (about) {
      const f = await api('/v1/figures/' + encodeURIComponent(about) + '?top=200');
      kids.push(el('h2', null, 'Figures about “' + vis(about) + '”'), table([
        ['Counts', (x) => x.thing || x.of], ['Period', (x) => (x.from === x.to ? x.from : x.from + ' – ' + x.to)],
        ['Source', (x) => x.source], ['Figure', (x) => x.text], ['Value', (x) => num(x.value)],
        ['Article', (x) => docLink(x.doc, x.title)]], f.figures));
    }
    kids.push(el('h2', null, 'Conflicting figures'),
      el('p', { class: 'muted' }, 'The same thing counted differently by different sources in overlapping periods (± ' + c.window_days + ' days).'));
    if (!c.conflicts.length) kids.push(el('p', { class: 'muted' }, 'No conflicts found.'));
    c.conflicts.forEach((x) => kids.push(el('section', { class: 'pair conflict' },
      el('h3', null, x.thing), figureCard(x.a), figureCard(x.b))));
    page('Figures and conflicts', ...kids);
  }

  // A deterministic circular layout: nodes in the order a breadth-first walk of the
  // graph meets them, so linked actors sit side by side and edges stay short chords.
  function layout(nodes, edges, W, H) {
    const at = {}, adj = nodes.map(() => []);
    nodes.forEach((v, i) => { at[v.id] = i; });
    edges.forEach((e) => {
      const i = at[e.source], j = at[e.target];
      if (i !== undefined && j !== undefined) { adj[i].push(j); adj[j].push(i); }
    });
    const order = [], seen = new Set();
    nodes.forEach((_, s) => {
      if (seen.has(s)) return;
      seen.add(s);
      for (let q = [s]; q.length;) {
        const i = q.shift();
        order.push(i);
        adj[i].forEach((j) => { if (!seen.has(j)) { seen.add(j); q.push(j); } });
      }
    });
    const pos = new Array(nodes.length), n = nodes.length;
    order.forEach((i, k) => {
      const a = (2 * Math.PI * k) / n - Math.PI / 2;
      pos[i] = { x: W / 2 + (W / 2 - 170) * Math.cos(a), y: H / 2 + (H / 2 - 40) * Math.sin(a) };
    });
    return { pos, at };
  }

  async function graphPage() {
    const g = await api('/v1/graph?top=60');
    const W = 900, H = 640, NS = 'http://www.w3.org/2000/svg';
    const svgEl = (tag, attrs, text) => {
      const e = document.createElementNS(NS, tag);
      for (const k in attrs) e.setAttribute(k, attrs[k]);
      if (text !== undefined) e.textContent = vis(text);
      return e;
    };
    if (!g.nodes.length) { page('Actor graph', el('p', { class: 'muted' }, 'No actors share events yet.')); return; }
    const { pos, at } = layout(g.nodes, g.edges, W, H);
    const svg = svgEl('svg', { viewBox: '0 0 ' + W + ' ' + H, role: 'img', 'aria-labelledby': 'graph-title' });
    svg.appendChild(svgEl('title', { id: 'graph-title' }, 'Actors linked by the events they share'));
    const maxw = Math.max(...g.edges.map((e) => e.weight), 1);
    g.edges.forEach((e) => {
      const a = pos[at[e.source]], b = pos[at[e.target]];
      if (!a || !b) return;
      svg.appendChild(svgEl('line', { x1: a.x, y1: a.y, x2: b.x, y2: b.y, 'stroke-width': 1 + 4 * e.weight / maxw }));
    });
    const colour = { PER: '#2563eb', ORG: '#7e22ce', LOC: '#047857', MISC: '#92400e' };
    g.nodes.forEach((v, i) => {
      const a = svgEl('a', { href: '/entity/' + encodeURIComponent(v.name) });
      a.appendChild(svgEl('title', {}, v.name + ' (' + v.type + ', ' + v.documents + ' articles)'));
      a.appendChild(svgEl('circle', { cx: pos[i].x, cy: pos[i].y, r: 4 + Math.min(10, Math.sqrt(v.documents)), fill: colour[v.type] || '#555' }));
      const right = pos[i].x < W / 2 - 1;
      a.appendChild(svgEl('text', { x: pos[i].x + (right ? -8 : 8), y: pos[i].y + 4, 'text-anchor': right ? 'end' : 'start' }, v.name));
      svg.appendChild(a);
    });
    page('Actor graph',
      el('p', { class: 'muted' }, 'Actors that take part in the same events; thicker lines for more shared events. Blue people, purple organisations, green places.'),
      el('div', { class: 'graph' }, svg),
      el('h2', null, 'Strongest links'),
      table([['Actor', (e) => g.nodes[at[e.source]] ? entityLink(g.nodes[at[e.source]].name) : e.source],
        ['Actor', (e) => g.nodes[at[e.target]] ? entityLink(g.nodes[at[e.target]].name) : e.target],
        ['Shared events', (e) => e.weight]], g.edges.slice().sort((x, y) => y.weight - x.weight).slice(0, 20)));
  }

  /* ------------------------------------------------------------ router */

  async function route() {
    const p = location.pathname;
    const q = new URLSearchParams(location.search);
    document.querySelectorAll('nav a').forEach((a) => {
      if (a.getAttribute('href') === p) a.setAttribute('aria-current', 'page');
    });
    if (q.get('q')) document.getElementById('q').value = q.get('q');
    try {
      if (p === '/') await home();
      else if (p === '/search') await search(q.get('q'));
      else if (p === '/analyze') analyzePage();
      else if (p === '/figures') await figuresPage();
      else if (p === '/graph') await graphPage();
      else if (p.startsWith('/doc/')) await documentPage(decodeURIComponent(p.slice(5)));
      else if (p.startsWith('/entity/')) await entityPage(decodeURIComponent(p.slice(8)));
      else showError(new ApiError(404, 'no such page'));
    } catch (e) {
      showError(e);
    }
  }

  route();
})();
