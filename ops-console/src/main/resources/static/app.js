'use strict';
// The ops console page: polls the JSON API every 5 s. Data is put in the page as text only (never as HTML).
(function () {
  const REFRESH_MS = 5000;

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === 'class') node.className = v; else node.setAttribute(k, v);
    }
    for (const child of children) {
      if (child === null || child === undefined) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  function bytes(n) {
    if (n === null || n === undefined || n < 0) return '–';
    const units = ['B', 'KiB', 'MiB', 'GiB'];
    let i = 0;
    while (n >= 1024 && i < units.length - 1) { n /= 1024; i++; }
    return n.toFixed(i === 0 ? 0 : 1) + ' ' + units[i];
  }

  function duration(seconds) {
    if (seconds < 60) return seconds + ' s';
    if (seconds < 3600) return Math.floor(seconds / 60) + ' min';
    if (seconds < 86400) return Math.floor(seconds / 3600) + ' h ' + Math.floor((seconds % 3600) / 60) + ' min';
    return Math.floor(seconds / 86400) + ' d ' + Math.floor((seconds % 86400) / 3600) + ' h';
  }

  function dash(v) { return v === null || v === undefined ? '-' : String(v); }

  function stateBadge(state) {
    const s = (state || 'UNKNOWN').toUpperCase();
    const kind = s === 'UP' ? 'up' : (s === 'DOWN' || s === 'OUT_OF_SERVICE') ? 'down' : 'other';
    return el('span', { class: 'badge ' + kind }, s);
  }

  function sparkline(history) {
    const w = 160, h = 28, svgNs = 'http://www.w3.org/2000/svg';
    const svg = document.createElementNS(svgNs, 'svg');
    svg.setAttribute('class', 'spark');
    svg.setAttribute('width', w);
    svg.setAttribute('height', h);
    svg.setAttribute('data-testid', 'sparkline');
    if (!history || history.length === 0) return svg;
    const now = Date.now(), from = now - 3600 * 1000;
    const max = Math.max(1, ...history.map(p => p.total));
    const points = history.map(p => {
      const x = Math.max(0, Math.min(w, (p.at - from) / (now - from) * w));
      const y = h - 2 - (p.total / max) * (h - 4);
      return x.toFixed(1) + ',' + y.toFixed(1);
    });
    if (points.length === 1) points.unshift('0,' + points[0].split(',')[1]);
    const line = document.createElementNS(svgNs, 'polyline');
    line.setAttribute('points', points.join(' '));
    svg.append(line);
    const title = document.createElementNS(svgNs, 'title');
    title.textContent = 'last hour, max ' + max;
    svg.append(title);
    return svg;
  }

  // The pipeline (docs/architecture.md section 1) as an SVG: boxes at fixed places, labels filled from /api/pipeline.
  const SVG_NS = 'http://www.w3.org/2000/svg';
  const PIPE = {
    width: 1060, height: 380,
    nodes: [
      { id: 'tg-in', kind: 'external', label: 'Telegram', x: 10, y: 50, w: 90, h: 44 },
      { id: 'ingress-poller', kind: 'service', x: 130, y: 50, w: 120, h: 44 },
      { id: 'tg.updates', kind: 'topic', x: 280, y: 50, w: 120, h: 44 },
      { id: 'command-processor', kind: 'service', x: 430, y: 50, w: 150, h: 44 },
      { id: 'tg.outbox', kind: 'topic', x: 620, y: 10, w: 130, h: 44 },
      { id: 'tg.outbox.bulk', kind: 'topic', x: 620, y: 90, w: 130, h: 44 },
      { id: 'notifier', kind: 'service', x: 790, y: 50, w: 120, h: 44 },
      { id: 'tg-out', kind: 'external', label: 'Telegram', x: 950, y: 50, w: 100, h: 44 },
      { id: 'credit.ledger', kind: 'topic', x: 620, y: 160, w: 130, h: 38 },
      { id: 'users', kind: 'topic', x: 620, y: 202, w: 130, h: 38 },
      { id: 'listings', kind: 'topic', x: 620, y: 244, w: 130, h: 38 },
      { id: 'contact.unlocks', kind: 'topic', x: 620, y: 286, w: 130, h: 38 },
      { id: 'audit.events', kind: 'topic', x: 620, y: 328, w: 130, h: 38 },
      { id: 'db-writer', kind: 'service', x: 790, y: 241, w: 120, h: 44 },
      { id: 'postgres', kind: 'external', label: 'PostgreSQL', x: 950, y: 241, w: 100, h: 44 },
    ],
    edges: [
      ['tg-in', 'ingress-poller'], ['ingress-poller', 'tg.updates'], ['tg.updates', 'command-processor'],
      ['command-processor', 'tg.outbox'], ['command-processor', 'tg.outbox.bulk'],
      ['tg.outbox', 'notifier'], ['tg.outbox.bulk', 'notifier'], ['notifier', 'tg-out'],
      ['command-processor', 'credit.ledger'], ['command-processor', 'users'], ['command-processor', 'listings'],
      ['command-processor', 'contact.unlocks'], ['command-processor', 'audit.events'],
      ['credit.ledger', 'db-writer'], ['users', 'db-writer'], ['listings', 'db-writer'],
      ['contact.unlocks', 'db-writer'], ['audit.events', 'db-writer'], ['db-writer', 'postgres'],
    ],
  };

  function svgEl(tag, attrs, text) {
    const node = document.createElementNS(SVG_NS, tag);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, String(v));
    if (text !== undefined) node.textContent = String(text);
    return node;
  }

  function rate(perSecond) {
    if (perSecond === null || perSecond === undefined) return '– msg/s';
    return (perSecond < 10 ? perSecond.toFixed(1) : String(Math.round(perSecond))) + ' msg/s';
  }

  function renderPipeline(data) {
    const topics = new Map(data.topics.map(t => [t.topic, t]));
    const services = new Map(data.services.map(s => [s.service, s]));
    const byId = new Map(PIPE.nodes.map(n => [n.id, n]));
    const svg = svgEl('svg', { class: 'pipeline', 'data-testid': 'pipeline', width: PIPE.width, height: PIPE.height,
      viewBox: '0 0 ' + PIPE.width + ' ' + PIPE.height, role: 'img', 'aria-label': 'the pipeline' });
    const marker = svgEl('marker', { id: 'pipe-arrow', viewBox: '0 0 10 10', refX: 10, refY: 5,
      markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' });
    marker.append(svgEl('path', { d: 'M 0 0 L 10 5 L 0 10 z', class: 'arrow-head' }));
    const defs = svgEl('defs');
    defs.append(marker);
    svg.append(defs);
    for (const [from, to] of PIPE.edges) {
      const a = byId.get(from), b = byId.get(to);
      svg.append(svgEl('line', { class: 'edge', x1: a.x + a.w, y1: a.y + a.h / 2, x2: b.x - 2, y2: b.y + b.h / 2,
        'marker-end': 'url(#pipe-arrow)' }));
    }
    for (const n of PIPE.nodes) {
      const g = svgEl('g', { class: 'node ' + n.kind });
      let name = n.label || n.id, detail = null;
      if (n.kind === 'topic') {
        const t = topics.get(n.id);
        g.setAttribute('data-testid', 'pipeline-topic');
        g.setAttribute('data-topic', n.id);
        if (!t || !t.exists) {
          g.classList.add('missing');
          detail = 'missing';
        } else {
          detail = rate(t.perSecond);
          g.append(svgEl('title', {}, n.id + ': ' + t.records + ' records in all'));
        }
      } else if (n.kind === 'service') {
        const live = services.has(n.id) ? services.get(n.id).live : 0;
        g.setAttribute('data-testid', 'pipeline-service');
        g.setAttribute('data-service', n.id);
        g.setAttribute('data-live', live);
        if (live === 0) g.classList.add('none');
        detail = live + (live === 1 ? ' instance' : ' instances');
      }
      g.append(svgEl('rect', { x: n.x, y: n.y, width: n.w, height: n.h, rx: n.kind === 'topic' ? 3 : 8 }));
      const cx = n.x + n.w / 2;
      if (detail === null) {
        g.append(svgEl('text', { x: cx, y: n.y + n.h / 2 + 5, class: 'name' }, name));
      } else {
        g.append(svgEl('text', { x: cx, y: n.y + n.h / 2 - 3, class: 'name' }, name));
        g.append(svgEl('text', { x: cx, y: n.y + n.h / 2 + 13, class: 'detail' }, detail));
      }
      svg.append(g);
    }
    document.getElementById('pipeline').replaceChildren(svg);
  }

  async function getJson(url) {
    const response = await fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
    if (response.redirected || response.status === 401 || response.status === 403) {
      window.location.assign('/login');
      throw new Error('not logged in');
    }
    if (!response.ok) throw new Error(url + ': HTTP ' + response.status);
    return response.json();
  }

  // What an instance says about its work (e.g. the ingress mode and Telegram's getWebhookInfo): one line a fact.
  function facts(said) {
    const list = el('dl', { class: 'facts' });
    for (const [name, value] of Object.entries(said || {})) {
      list.append(el('div', { 'data-testid': 'fact', 'data-fact': name }, el('dt', {}, name), el('dd', {}, value)));
    }
    return list;
  }

  function renderInstances(data) {
    const body = document.querySelector('#instances tbody');
    body.replaceChildren();
    if (data.instances.length === 0) {
      body.append(el('tr', {}, el('td', { colspan: 9, class: 'muted' }, 'No heartbeats yet.')));
    }
    for (const i of data.instances) {
      const row = el('tr', { 'data-testid': 'instance', 'data-service': i.service, class: i.silent ? 'silent' : '' },
        el('td', {}, i.service),
        el('td', {}, i.instance),
        el('td', {}, i.host),
        el('td', { class: 'num' }, duration(i.uptimeSeconds)),
        el('td', { class: 'num' }, bytes(i.heapUsedBytes) + ' / ' + bytes(i.heapMaxBytes)),
        el('td', {}, stateBadge(i.state)),
        el('td', {}, duration(i.secondsSinceSeen) + ' ago'),
        el('td', {}, i.silent ? el('span', { class: 'badge silent' }, 'SILENT') : ''),
        el('td', { class: 'facts' }, facts(i.facts)));
      body.append(row);
    }
  }

  function renderLag(data) {
    const box = document.getElementById('lag');
    const open = new Set([...box.querySelectorAll('details[open]')].map(d => d.dataset.group));
    box.replaceChildren();
    if (data.groups.length === 0) box.append(el('p', { class: 'muted' }, 'No consumer groups.'));
    for (const g of data.groups) {
      const rows = g.partitions.map(p => el('tr', {},
        el('td', {}, p.topic), el('td', { class: 'num' }, p.partition), el('td', { class: 'num' }, dash(p.committed)),
        el('td', { class: 'num' }, dash(p.logEnd)), el('td', { class: 'num' }, dash(p.lag))));
      const details = el('details', { class: 'group', 'data-testid': 'group', 'data-group': g.group },
        el('summary', {},
          el('span', { class: 'name' }, g.group),
          el('span', { class: 'num', 'data-testid': 'total-lag' }, 'lag ' + g.totalLag),
          g.unknownPartitions > 0 ? el('span', { class: 'muted' }, g.unknownPartitions + ' without commit') : null,
          sparkline(g.history)),
        el('table', {},
          el('thead', {}, el('tr', {}, el('th', {}, 'Topic'), el('th', {}, 'Partition'), el('th', {}, 'Committed'),
            el('th', {}, 'Log end'), el('th', {}, 'Lag'))),
          el('tbody', {}, ...rows)));
      if (open.has(g.group)) details.open = true;
      box.append(details);
    }
  }

  function renderDeadLetters(list) {
    const body = document.querySelector('#dead-letters tbody');
    body.replaceChildren();
    for (const d of list) {
      body.append(el('tr', { 'data-testid': 'dlq' }, el('td', {}, d.topic),
        el('td', { class: 'num' }, d.records === null ? 'missing' : d.records)));
    }
  }

  function severityBadge(severity) {
    const s = String(severity || 'UNKNOWN').toUpperCase();
    const kind = ['CRITICAL', 'ERROR', 'WARNING'].includes(s) ? s.toLowerCase() : 'unknown';
    return el('span', { class: 'badge ' + kind }, s);
  }

  function time(millis) { return new Date(millis).toLocaleString(); }

  // Alert texts come from the services' logs and may hold anything a user typed: text nodes only.
  function renderAlerts(data) {
    const body = document.querySelector('#alerts tbody');
    body.replaceChildren();
    document.getElementById('alerts-skipped').textContent =
      data.skipped > 0 ? '(' + data.skipped + ' unreadable records skipped)' : '';
    if (data.alerts.length === 0) {
      body.append(el('tr', {}, el('td', { colspan: 7, class: 'muted' }, 'No alerts in the last 24 h.')));
    }
    for (const a of data.alerts) {
      const message = el('td', { class: 'message' }, el('span', { 'data-testid': 'alert-message' }, dash(a.message)));
      if (a.stackHead) message.append(el('details', {}, el('summary', {}, 'stack'), el('pre', {}, a.stackHead)));
      body.append(el('tr', { 'data-testid': 'alert', 'data-fingerprint': a.fingerprint },
        el('td', {}, time(a.lastSeen)),
        el('td', {}, severityBadge(a.severity)),
        el('td', {}, dash(a.service)),
        el('td', {}, dash(a.instance)),
        message,
        el('td', { class: 'num', 'data-testid': 'alert-count' }, a.count > 1 ? '×' + a.count : ''),
        el('td', {}, a.count > 1 ? time(a.firstSeen) : '')));
    }
  }

  async function refresh() {
    const error = document.getElementById('error');
    try {
      const [pipeline, instances, alerts, lag, dlq] = await Promise.all([getJson('/api/pipeline'),
        getJson('/api/instances'), getJson('/api/alerts'), getJson('/api/lag'), getJson('/api/dead-letters')]);
      renderPipeline(pipeline);
      renderInstances(instances);
      renderAlerts(alerts);
      renderLag(lag);
      renderDeadLetters(dlq);
      error.hidden = true;
      document.getElementById('updated').textContent = 'updated ' + new Date().toLocaleTimeString();
    } catch (e) {
      error.textContent = 'Refresh failed: ' + e.message;
      error.hidden = false;
    }
  }

  refresh();
  setInterval(refresh, REFRESH_MS);
})();
