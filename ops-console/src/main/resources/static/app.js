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

  async function getJson(url) {
    const response = await fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
    if (response.redirected || response.status === 401 || response.status === 403) {
      window.location.assign('/login');
      throw new Error('not logged in');
    }
    if (!response.ok) throw new Error(url + ': HTTP ' + response.status);
    return response.json();
  }

  function renderInstances(data) {
    const body = document.querySelector('#instances tbody');
    body.replaceChildren();
    if (data.instances.length === 0) {
      body.append(el('tr', {}, el('td', { colspan: 8, class: 'muted' }, 'No heartbeats yet.')));
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
        el('td', {}, i.silent ? el('span', { class: 'badge silent' }, 'SILENT') : ''));
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

  async function refresh() {
    const error = document.getElementById('error');
    try {
      const [instances, lag, dlq] = await Promise.all([
        getJson('/api/instances'), getJson('/api/lag'), getJson('/api/dead-letters')]);
      renderInstances(instances);
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
