// The MonoScale dashboard: plain JavaScript over the service's /api/v1 (no build step). The token comes from the
// page's field or, once, from ?token= (then removed from the address bar), and is kept in sessionStorage.
(function () {
  'use strict';
  const params = new URLSearchParams(location.search);
  if (params.has('token')) {
    sessionStorage.setItem('monoscale-token', params.get('token'));
    history.replaceState(null, '', location.pathname);
  }
  const $ = (id) => document.getElementById(id);
  const text = (tag, value, cls) => { const e = document.createElement(tag); e.textContent = value; if (cls) e.className = cls; return e; };
  const row = (cells) => { const tr = document.createElement('tr'); cells.forEach((c) => tr.appendChild(typeof c === 'string' ? text('td', c) : c)); return tr; };

  async function api(path, body) {
    const headers = {};
    const token = sessionStorage.getItem('monoscale-token');
    if (token) headers.Authorization = 'Bearer ' + token;
    const init = { headers };
    if (body !== undefined) { init.method = 'POST'; headers['Content-Type'] = 'application/json'; init.body = JSON.stringify(body); }
    const response = await fetch(path, init);
    const json = await response.json();
    if (!response.ok) throw new Error((json.error && json.error.message) || response.status);
    return json;
  }

  async function health() {
    try {
      const h = await api('/api/v1/health');
      $('health').textContent = 'memory ' + h.memory.routingWith + ' · store ' + (h.memory.reachable === false ? 'unreachable' : 'ok');
    } catch (e) { $('health').textContent = 'health: ' + e.message; }
  }

  async function timeline() {
    const body = $('timeline').querySelector('tbody');
    body.replaceChildren();
    try {
      const log = await api('/api/v1/memory');
      for (const v of log) {
        body.appendChild(row([v.version, text('td', v.outcome, 'verdict-' + v.outcome), String(v.entries), v.createdAt, v.reason]));
      }
      for (const select of [$('diff-from'), $('diff-to')]) {
        select.replaceChildren(...log.map((v) => { const o = text('option', v.version); o.value = v.version; return o; }));
      }
      if (log.length > 1) { $('diff-from').value = log[1].version; $('diff-to').value = log[0].version; }
      const rounds = log.filter((v) => ['accepted', 'fallback', 'ungated'].includes(v.outcome));
      $('evidence-version').replaceChildren(...log.map((v) => { const o = text('option', v.version); o.value = v.version; return o; }));
      if (rounds.length > 0) { $('evidence-version').value = rounds[0].version; evidence(); }
      $('timeline').dataset.loaded = String(log.length);
    } catch (e) { body.appendChild(row([text('td', e.message, 'error')])); }
  }

  function stances(entry) {
    return entry.guidance.map((g) => g.stance + ' ' + g.worker + (g.afterWorkers ? ' after ' + g.afterWorkers.join(', ') : '')).join('; ');
  }

  async function diff() {
    const body = $('diff').querySelector('tbody');
    body.replaceChildren();
    try {
      const d = await api('/api/v1/memory/diff?from=' + encodeURIComponent($('diff-from').value) + '&to=' + encodeURIComponent($('diff-to').value));
      $('diff-summary').textContent = d.from + ' → ' + d.to + ': ' + d.added.length + ' added, ' + d.removed.length + ' removed, '
        + d.changed.length + ' changed';
      for (const [kind, mark] of [['added', '+'], ['removed', '−'], ['changed', '~']]) {
        for (const e of d[kind]) {
          const ev = e.evidence;
          body.appendChild(row([text('td', mark, kind), e.id, e.rule, stances(e),
            ev.successes + '/' + ev.trials + ' passed; traces ' + ev.traces.slice(0, 3).join(', ') + (ev.traces.length > 3 ? ' …' : '')]));
        }
      }
    } catch (e) { $('diff-summary').textContent = e.message; }
  }

  const SVG = 'http://www.w3.org/2000/svg';
  function svg(tag, attributes) {
    const e = document.createElementNS(SVG, tag);
    Object.entries(attributes).forEach(([k, v]) => e.setAttribute(k, String(v)));
    return e;
  }

  // the 95% interval of a pass rate on a 0..1 axis, the rate as a dot, the incumbent's rate as a tick
  function intervalBar(low, high, rate, incumbent) {
    const w = 160, x = (v) => 4 + v * (w - 8);
    const s = svg('svg', { width: w, height: 16, viewBox: '0 0 ' + w + ' 16', class: 'interval' });
    s.appendChild(svg('line', { x1: x(0), y1: 8, x2: x(1), y2: 8, stroke: '#ddd', 'stroke-width': 1 }));
    s.appendChild(svg('line', { x1: x(low), y1: 8, x2: x(high), y2: 8, stroke: '#20324a', 'stroke-width': 3 }));
    s.appendChild(svg('circle', { cx: x(rate), cy: 8, r: 3.5, fill: '#b3261e' }));
    if (incumbent !== null) s.appendChild(svg('line', { x1: x(incumbent), y1: 2, x2: x(incumbent), y2: 14, stroke: '#1a7f37', 'stroke-width': 2 }));
    const title = svg('title', {});
    title.textContent = 'pass rate ' + rate.toFixed(2) + ', 95% interval ' + low.toFixed(2) + '–' + high.toFixed(2)
      + (incumbent === null ? '' : ', incumbent ' + incumbent.toFixed(2));
    s.appendChild(title);
    return s;
  }

  async function evidence() {
    const box = $('evidence');
    box.replaceChildren();
    try {
      const e = await api('/api/v1/memory/' + encodeURIComponent($('evidence-version').value) + '/evidence');
      const patterns = e.workers.reduce((n, w) => n + w.patterns.length, 0);
      $('evidence-summary').textContent = e.version + ' (' + e.outcome + '): ' + e.workers.length + ' new worker'
        + (e.workers.length === 1 ? '' : 's') + ', ' + patterns + ' patterns probed';
      for (const w of e.workers) {
        box.appendChild(text('h3', w.worker));
        const table = document.createElement('table');
        table.className = 'evidence';
        const head = document.createElement('thead');
        head.appendChild(row(['pattern', 'tasks', 'passed', 'rate', '95% interval', 'mean reward', 'incumbent'].map((h) => text('th', h))));
        table.appendChild(head);
        const body = document.createElement('tbody');
        for (const p of w.patterns) {
          const inc = p.incumbent.trials > 0 ? p.incumbent.successes / p.incumbent.trials : null;
          const bar = text('td', '', 'interval');
          bar.appendChild(intervalBar(p.ci95[0], p.ci95[1], p.rate, inc));
          bar.appendChild(text('span', ' ' + p.ci95[0].toFixed(2) + '–' + p.ci95[1].toFixed(2)));
          body.appendChild(row([text('td', p.example, 'example'), String(p.tasks), p.successes + '/' + p.trials, p.rate.toFixed(2), bar,
            p.meanReward.toFixed(3), inc === null ? '–' : p.incumbent.worker + ' ' + p.incumbent.successes + '/' + p.incumbent.trials]));
        }
        table.appendChild(body);
        box.appendChild(table);
      }
      box.dataset.loaded = e.version;
    } catch (err) { $('evidence-summary').textContent = err.message; }
  }

  async function route() {
    const body = $('route').querySelector('tbody');
    body.replaceChildren();
    try {
      const r = await api('/api/v1/route', { task: $('route-task').value });
      $('route-summary').textContent = 'routed with memory ' + r.memoryVersion;
      for (const s of r.steps) {
        const why = s.distribution.map((w) => w.worker + ' ' + w.probability + (w.because && w.because.length ? ' (' + w.because.join('; ') + ')' : '')).join(' · ');
        body.appendChild(row([String(s.step), s.worker, String(s.probability), why]));
      }
    } catch (e) { $('route-summary').textContent = e.message; }
  }

  const palette = ['#20324a', '#b3261e', '#1a7f37', '#7a5b00', '#6f42c1', '#0b7285', '#e8590c', '#495057', '#c2255c', '#5c940d',
    '#1864ab'];

  // one line per method of a bench report (expansion or replay: the same JSON shape), the field per stage
  function plot(report, field, label, where, range) {
    const stages = report.stages.map((s) => s.stage);
    const methods = Object.keys(report.stages[0].methods);
    const data = [stages, ...methods.map((m) => report.stages.map((s) => (s.methods[m] && s.methods[m][field] !== undefined
      ? s.methods[m][field] : null)))];
    where.replaceChildren();
    new uPlot({
      width: 760, height: 320, title: report.world + ': ' + label + ' per stage',
      scales: { x: { time: false }, y: range ? { range } : { auto: true } },
      axes: [{ label: 'stage', incrs: [1] }, { label }],
      series: [{ label: 'stage' }, ...methods.map((m, i) => ({ label: m, stroke: palette[i % palette.length], width: 2 }))],
    }, data, where);
    return methods.length;
  }

  function chart(report) {
    const methods = plot(report, 'accuracy', 'accuracy', $('chart'), [0, 1]);
    const costed = report.costWeight !== undefined;
    if (costed) plot(report, 'reward', 'reward (λ = ' + report.costWeight + ')', $('chart-reward'), null);
    else $('chart-reward').replaceChildren();
    $('chart-status').textContent = 'charted ' + methods + ' methods over ' + report.stages.length + ' stages'
      + (costed ? ', accuracy and reward' : '');
  }

  $('bench-file').addEventListener('change', async (event) => {
    try { chart(JSON.parse(await event.target.files[0].text())); } catch (e) { $('chart-status').textContent = 'not a bench JSON file: ' + e.message; }
  });
  $('token-form').addEventListener('submit', (event) => {
    event.preventDefault();
    sessionStorage.setItem('monoscale-token', $('token').value);
    $('token').value = '';
    health(); timeline();
  });
  $('diff-show').addEventListener('click', diff);
  $('route-go').addEventListener('click', route);
  $('evidence-show').addEventListener('click', evidence);
  health();
  timeline();
})();
